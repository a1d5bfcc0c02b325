package connect

const (
	EnvDebug          = envDebug
	BusyTimeoutMillis = busyTimeoutMillis
)
