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

// unattended reports whether Terraform's command line argv (with the
// arguments Terraform takes from TF_CLI_ARGS and TF_CLI_ARGS_<command>,
// read through getenv) makes a run that applies without asking anyone:
// apply or destroy with -auto-approve. Only then does nothing come between
// the plan's reads and the apply's plan that could change the device
// unseen: no person reviewing the plan for minutes while others use the
// device, no step of terraform test running between its plans.
func unattended(argv []string, getenv func(string) string) bool {
	if len(argv) < 2 {
		return false
	}
	// Global options (-chdir=DIR, -help, -version) come before the command.
	command, rest := "", []string(nil)
	for i, a := range argv[1:] {
		if !strings.HasPrefix(a, "-") {
			command, rest = a, argv[i+2:]
			break
		}
	}
	if command != "apply" && command != "destroy" {
		return false
	}
	args := append(strings.Fields(getenv("TF_CLI_ARGS")), strings.Fields(getenv("TF_CLI_ARGS_"+command))...)
	auto := false
	for _, a := range append(args, rest...) {
		switch strings.TrimLeft(a, "-") {
		case "auto-approve", "auto-approve=true":
			auto = true
		case "auto-approve=false":
			auto = false
		}
	}
	return auto
}
