package runcache

import (
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// runID names the Terraform process that started this one: Terraform
// starts each provider process itself, so the parent is the run. The PID
// alone could name another process later; with the parent's start time and
// the machine's boot it names one process ever.
func runID() (string, bool) {
	ppid := os.Getppid()
	if ppid <= 1 {
		return "", false // the parent is gone: no run to share with
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(ppid) + "/stat")
	if err != nil {
		return "", false
	}
	start, ok := startTime(string(stat))
	if !ok {
		return "", false
	}
	boot, err := os.ReadFile("/proc/sys/kernel/random/boot_id")
	if err != nil {
		return "", false
	}
	return strings.TrimSpace(string(boot)) + ":" + strconv.Itoa(ppid) + ":" + start, true
}

// parentArgs is the command line of the process that started this one
// (proc(5): /proc/<pid>/cmdline, its arguments each ended by a NUL).
func parentArgs() []string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(os.Getppid()) + "/cmdline")
	if err != nil {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00")
}

func ownedByMe(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
