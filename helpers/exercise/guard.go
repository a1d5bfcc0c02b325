package exercise

import (
	"fmt"
	"reflect"
	"strings"
	"time"
)

// methodTimeout bounds one call of a method of the student's own types
// (String, Value): one that never returns would hang the check. A
// variable, so tests can shorten it.
var methodTimeout = 5 * time.Second

// Bounds of the fmt.Sprint fallback for a cell that is not one value (a
// map, a slice, a struct): fmt.Sprint has no cycle guard, and a map that
// holds itself makes it recurse until the stack overflows.
const (
	maxValueDepth = 32
	maxValueParts = 10_000
)

// trustedPkgs are the packages whose String and Value methods the check
// calls directly: they neither panic nor block on a value they made.
var trustedPkgs = []string{"database/sql", "time", "math/big", "github.com/uptrace/bun"}

// callMethod calls f, a method of the value's type t (String or Value),
// turning a panic into an error. A method of a type outside trustedPkgs
// (the student's own) runs in a goroutine and is given up after
// methodTimeout; that goroutine is left behind, which is all a check can
// do about a method that never returns.
func callMethod[T any](t reflect.Type, name string, f func() T) (T, error) {
	if trusted(t) {
		return recovered(name, f)
	}
	type reply struct {
		v   T
		err error
	}
	ch := make(chan reply, 1)
	go func() {
		v, err := recovered(name, f)
		ch <- reply{v, err}
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-time.After(methodTimeout):
		var zero T
		return zero, fmt.Errorf("its %s method did not return within %v", name, methodTimeout)
	}
}

func recovered[T any](name string, f func() T) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("its %s method panicked: %s", name, clip(fmt.Sprint(r), 120))
		}
	}()
	return f(), nil
}

func trusted(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer && t.Name() == "" {
		t = t.Elem()
	}
	pkg := t.PkgPath()
	for _, p := range trustedPkgs {
		if pkg == p || strings.HasPrefix(pkg, p+"/") {
			return true
		}
	}
	return false
}

// sprint is fmt.Sprint for a value that is not one database value, once
// the value is known to be finite: no map, slice or interface inside it
// holds itself, it is at most maxValueDepth deep and has at most
// maxValueParts parts. fmt.Sprint may call String methods inside the
// value, so it runs under callMethod.
func sprint(v any) (string, error) {
	parts := 0
	if err := finite(reflect.ValueOf(v), 0, map[visit]bool{}, &parts); err != nil {
		return "", err
	}
	return callMethod(reflect.TypeOf(v), "String", func() string { return fmt.Sprint(v) })
}

// visit names a map or slice on the path being walked.
type visit struct {
	ptr uintptr
	typ reflect.Type
	n   int
}

// finite walks v as fmt.Sprint does (maps, slices, arrays, structs and
// interfaces; a pointer only at the top) and says why printing it would
// not end.
func finite(v reflect.Value, depth int, path map[visit]bool, parts *int) error {
	if !v.IsValid() {
		return nil
	}
	*parts++
	if *parts > maxValueParts {
		return fmt.Errorf("it is a %s with more than %d parts, not one value", v.Type(), maxValueParts)
	}
	if depth > maxValueDepth {
		return fmt.Errorf("it is nested more than %d levels deep, not one value", maxValueDepth)
	}
	switch v.Kind() {
	case reflect.Pointer:
		if depth == 0 && !v.IsNil() {
			return finite(v.Elem(), depth+1, path, parts)
		}
	case reflect.Interface:
		return finite(v.Elem(), depth+1, path, parts)
	case reflect.Map, reflect.Slice:
		if v.IsNil() {
			return nil
		}
		k := visit{uintptr(v.UnsafePointer()), v.Type(), v.Len()}
		if path[k] {
			return fmt.Errorf("it is a %s that contains itself", v.Type())
		}
		path[k] = true
		defer delete(path, k)
		if v.Kind() == reflect.Map {
			iter := v.MapRange()
			for iter.Next() {
				if err := finite(iter.Key(), depth+1, path, parts); err != nil {
					return err
				}
				if err := finite(iter.Value(), depth+1, path, parts); err != nil {
					return err
				}
			}
			return nil
		}
		fallthrough
	case reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return nil
		}
		for i := 0; i < v.Len(); i++ {
			if err := finite(v.Index(i), depth+1, path, parts); err != nil {
				return err
			}
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if err := finite(v.Field(i), depth+1, path, parts); err != nil {
				return err
			}
		}
	}
	return nil
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
