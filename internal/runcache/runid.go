package runcache

import "strings"

// startTime is field 22 of a /proc/<pid>/stat line (proc(5)): when the
// process started, in clock ticks after boot. Field 2, the command name in
// parentheses, may itself hold spaces and parentheses, so the fields are
// counted from after its last ')': field 3 is the first there.
func startTime(stat string) (string, bool) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return "", false
	}
	fields := strings.Fields(stat[i+1:])
	const field22 = 22 - 3
	if len(fields) <= field22 {
		return "", false
	}
	return fields[field22], true
}
