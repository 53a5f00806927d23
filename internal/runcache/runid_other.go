//go:build !linux

package runcache

import "io/fs"

// runID cannot tell the run outside Linux (no /proc to read the parent's
// start time from, and a PID alone may name another process later): each
// provider process reads the device itself, as without this package.
func runID() (string, bool) { return "", false }

func parentArgs() []string { return nil }

func ownedByMe(fs.FileInfo) bool { return false }
