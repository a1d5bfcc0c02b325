package main

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// becomeOwner makes the process the student (-owner UID:GID) when it runs
// as root, before anything touches the home: then every file it makes is
// the student's, and a link the student planted leads nowhere the student
// could not write anyway. Go applies setuid to every thread (Go ≥ 1.16).
// Without root, -owner must name the user it already runs as.
func becomeOwner(owner string) error {
	if os.Geteuid() != 0 {
		if owner == "" {
			return nil
		}
		uid, gid, err := parseOwner(owner)
		if err != nil {
			return err
		}
		if uid != os.Geteuid() || gid != os.Getegid() {
			return fmt.Errorf("-owner %s: only root can work as another user (this runs as %d:%d)", owner, os.Geteuid(), os.Getegid())
		}
		return nil
	}
	if owner == "" {
		return errors.New("running as root: give -owner UID:GID (the student's); lessonsync works in a home only as its owner")
	}
	uid, gid, err := parseOwner(owner)
	if err != nil {
		return err
	}
	if err := syscall.Setgroups(nil); err != nil {
		return fmt.Errorf("drop supplementary groups: %w", err)
	}
	if err := syscall.Setgid(gid); err != nil {
		return fmt.Errorf("become group %d: %w", gid, err)
	}
	if err := syscall.Setuid(uid); err != nil {
		return fmt.Errorf("become user %d: %w", uid, err)
	}
	if os.Geteuid() != uid || os.Getegid() != gid {
		return fmt.Errorf("still uid %d gid %d after becoming %d:%d", os.Geteuid(), os.Getegid(), uid, gid)
	}
	return nil
}
