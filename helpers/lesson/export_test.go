package lesson

type RunFirstError = runFirstError
