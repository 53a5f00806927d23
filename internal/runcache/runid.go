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
	command, args, ok := commandOf(argv, getenv)
	if !ok || (command != "apply" && command != "destroy") {
		return false
	}
	auto, ok := boolOption(args, "auto-approve")
	return ok && auto
}

// destroying reports whether Terraform's command line argv (read as
// unattended reads it) runs in destroy mode: `terraform destroy`, or apply
// or plan with -destroy. Any doubt says no.
func destroying(argv []string, getenv func(string) string) bool {
	command, args, ok := commandOf(argv, getenv)
	switch {
	case !ok:
		return false
	case command == "destroy":
		return true
	case command == "apply" || command == "plan":
		destroy, ok := boolOption(args, "destroy")
		return ok && destroy
	}
	return false
}

// destroyingAll reports whether Terraform's command line argv runs in
// destroy mode (see destroying) over the whole state: no -target nor
// -exclude narrows it, so Terraform plans to delete every resource the
// state holds (a delete may still fail, and a resource's lifecycle may
// keep it). Any argument that may name such an option says no.
func destroyingAll(argv []string, getenv func(string) string) bool {
	if !destroying(argv, getenv) {
		return false
	}
	_, args, _ := commandOf(argv, getenv)
	for _, a := range args {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && (strings.HasPrefix(name, "target") || strings.HasPrefix(name, "exclude")) {
			return false
		}
	}
	return true
}

// commandOf is Terraform's command in argv and its arguments as Terraform
// parses them: those of TF_CLI_ARGS and TF_CLI_ARGS_<command> first, then
// the command line's. It is not ok when there is no command, or when
// TF_CLI_ARGS holds quoting, which Terraform splits as a shell would.
func commandOf(argv []string, getenv func(string) string) (command string, args []string, ok bool) {
	if len(argv) < 2 {
		return "", nil, false
	}
	// Global options (-chdir=DIR, -help, -version) come before the command.
	var rest []string
	for i, a := range argv[1:] {
		if !strings.HasPrefix(a, "-") {
			command, rest = a, argv[i+2:]
			break
		}
	}
	if command == "" {
		return "", nil, false
	}
	// Terraform (main.go, mergeEnvArgs) inserts TF_CLI_ARGS right after the
	// command, then TF_CLI_ARGS_<command> right after the command too, so
	// the order is TF_CLI_ARGS_<command>, TF_CLI_ARGS, the command line's
	// own; it parses them as Go's flag package does (the last wins).
	for _, env := range []string{"TF_CLI_ARGS_" + command, "TF_CLI_ARGS"} {
		v := getenv(env)
		if strings.ContainsAny(v, `"'\`) {
			return "", nil, false
		}
		args = append(args, strings.Fields(v)...)
	}
	return command, append(args, rest...), true
}

// boolOptions are apply's, destroy's and plan's options that take no
// value of their own: one of them never swallows the argument after it.
var boolOptions = map[string]bool{"auto-approve": true, "compact-warnings": true, "destroy": true, "input": true, "json": true,
	"lock": true, "no-color": true, "refresh": true, "refresh-only": true, "allow-deferral": true, "detailed-exitcode": true}

// boolOption is the boolean option as Go's flag package would read args
// (the last one wins; false when absent), and whether args could be read
// without doubt: an option unknown here, given without "=", may take the
// next argument as its value, which could be the option itself.
func boolOption(args []string, option string) (value, ok bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") {
			return value, true // the options end here
		}
		name, v, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case name == option && !hasValue:
			value = true
		case name == option:
			b, err := strconv.ParseBool(v)
			if err != nil {
				return false, false
			}
			value = b
		case !hasValue && !boolOptions[name]:
			i++ // its value is the next argument, whatever it looks like
		}
	}
	return value, true
}
