package runcache

import (
	"strconv"
	"strings"
)

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
// device, no step of terraform test running between its plans. Any doubt
// says no: an argument that may be another option's value, quoting in
// TF_CLI_ARGS (which Terraform splits as a shell would).
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
	var args []string
	for _, env := range []string{"TF_CLI_ARGS", "TF_CLI_ARGS_" + command} {
		v := getenv(env)
		if strings.ContainsAny(v, `"'\`) {
			return false
		}
		args = append(args, strings.Fields(v)...)
	}
	// Terraform inserts TF_CLI_ARGS after the command, before the command
	// line's own arguments, and parses them as Go's flag package does.
	auto, ok := autoApprove(append(args, rest...))
	return ok && auto
}

// boolOptions are apply's and destroy's options that take no value of
// their own: one of them never swallows the argument after it.
var boolOptions = map[string]bool{"auto-approve": true, "compact-warnings": true, "destroy": true, "input": true, "json": true,
	"lock": true, "no-color": true, "refresh": true, "refresh-only": true, "allow-deferral": true}

// autoApprove is -auto-approve as Go's flag package would read args (the
// last one wins), and whether args could be read without doubt: an option
// unknown here, given without "=", may take the next argument as its
// value, which could be "-auto-approve" itself.
func autoApprove(args []string) (auto, ok bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") {
			return auto, true // the options end here
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case name == "auto-approve" && !hasValue:
			auto = true
		case name == "auto-approve":
			b, err := strconv.ParseBool(value)
			if err != nil {
				return false, false
			}
			auto = b
		case !hasValue && !boolOptions[name]:
			i++ // its value is the next argument, whatever it looks like
		}
	}
	return auto, true
}
