package repr

var Fprint = fprint
