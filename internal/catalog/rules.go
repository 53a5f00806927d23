package catalog

import (
	"fmt"
	"regexp"
	"strings"
)

// Problem is a value the device would refuse: which attribute and value,
// why (the rule, with its source), and what would work instead.
type Problem struct {
	Attribute string
	Value     string
	Rule      string
	Fix       string
	// Warning marks a problem the device does not refuse, but should be known.
	Warning bool
}

// Detail is the whole explanation, for a diagnostic's detail.
func (p Problem) Detail() string {
	s := fmt.Sprintf("%s = %q: %s.", p.Attribute, p.Value, p.Rule)
	if p.Fix != "" {
		s += " " + p.Fix
	}
	return s
}

// Error lets a Problem travel as an error.
func (p Problem) Error() string { return p.Detail() }

func list(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// CheckGPUSize applies the size rules of a GPU VM: the size exists, the
// release offers it (r may be zero: any release), it is a GPU size, and
// its GPU type is the device's (deviceType may be "" when unknown)
// [SIZES, EXT-TS].
func CheckGPUSize(name string, r Release, deviceType GPUType) *Problem {
	if r.IsZero() {
		r = Newest()
	}
	p := &Problem{Attribute: "size", Value: name}
	offer := func(t GPUType) string {
		if t == "" {
			return fmt.Sprintf("GPU sizes on release %s: %s (T4 devices); %s (A2 devices).", r,
				list(GPUSizeNames(r, GPUTypeT4)), list(GPUSizeNames(r, GPUTypeA2)))
		}
		return fmt.Sprintf("GPU sizes on release %s for %s devices: %s.", r, t, list(GPUSizeNames(r, t)))
	}
	s, ok := LookupSize(name)
	switch {
	case !ok:
		p.Rule = "not a VM size of Azure Stack Edge devices " + Cite("SIZES")
		p.Fix = offer(deviceType)
	case !s.IsGPU():
		p.Rule = fmt.Sprintf("%s is a general-purpose size with no GPU; a GPU VM needs a GPU size, and the NVIDIA driver extension fails to attach on any other %s", s.Name, Cite("EXT-TS"))
		p.Fix = offer(deviceType)
	case !s.AvailableIn(r):
		p.Rule = fmt.Sprintf("release %s does not offer %s (it came with release %s); before the 2023 size list only Standard_NC4as_T4_v3 and Standard_NC8as_T4_v3 were GPU sizes %s", r, s.Name, s.Since(), Cite("SIZES", "EXT-TS"))
		p.Fix = offer(deviceType)
	case deviceType != "" && s.GPUType != deviceType:
		p.Rule = fmt.Sprintf("%s needs an NVIDIA %s GPU but the device has %s GPUs; a GPU VM's size must match the device's GPU type %s", s.Name, s.GPUType, deviceType, Cite("SIZES"))
		p.Fix = offer(deviceType)
	default:
		return nil
	}
	return p
}

// CheckGPUOS applies the OS rules of a GPU VM on release r: a known OS
// key that the GPU driver extension supports there [SEED, OVERVIEW-2024].
// It is CheckGPUOSAllowing without the opt-in.
func CheckGPUOS(key string, r Release) *Problem { return CheckGPUOSAllowing(key, r, false) }

// AllowUntestedOSAttribute is the VM argument that lets an OS outside the
// tested list through, with a warning.
const AllowUntestedOSAttribute = "allow_untested_os"

// CheckGPUOSAllowing applies the OS rules of a GPU VM on release r. An OS
// outside the tested list, or whose driver the release dropped, is refused
// unless allowUntested is set (allow_untested_os); then it is a warning
// that says what is untested and why. An unknown key is always refused.
func CheckGPUOSAllowing(key string, r Release, allowUntested bool) *Problem {
	if r.IsZero() {
		r = Newest()
	}
	p := &Problem{Attribute: "os", Value: key}
	o, ok := LookupOS(key)
	var why string
	switch {
	case !ok:
		p.Rule = "not an OS this provider knows"
		p.Fix = "Known OS keys: " + list(OSKeys()) + "."
		return p
	case !o.GPUDriver:
		why = fmt.Sprintf("the NVIDIA GPU driver extension was tested on Windows Server 2019, Windows Server 2016, Ubuntu 18.04 LTS and Red Hat Enterprise Linux 7.4 only, not on %s: other versions \"may work but haven't been tested\" %s",
			o.Name, Cite("SEED"))
	case o.GPUDriverDroppedOn(r):
		why = fmt.Sprintf("the NVIDIA GPU driver extension is no longer supported on %s GPU VMs from release %s on %s",
			o.Name, o.driverDroppedFrom, Cite("RN-2407", "OVERVIEW-2024"))
	default:
		return nil
	}
	if allowUntested {
		p.Warning = true
		p.Rule = why + "; " + AllowUntestedOSAttribute + " = true runs it anyway, untested"
		p.Fix = "The VM and its driver extension are deployed as for a tested " + string(o.Type) + " OS; if the driver fails, use one of " + list(GPUDriverOSKeysOn(r)) + "."
		return p
	}
	p.Rule = why
	p.Fix = "Use one of " + list(GPUDriverOSKeysOn(r)) + ", or set " + AllowUntestedOSAttribute + " = true to run " + o.Name + " untested (with a warning)."
	return p
}

// CheckNICs applies the size's NIC limit, which the Windows Server 2016
// VHD lowers to 8 on HPN sizes [SIZES].
func CheckNICs(s Size, o OS, nics int) *Problem {
	if max := s.MaxNICsFor(o); nics > max {
		return &Problem{Attribute: "size", Value: s.Name,
			Rule: fmt.Sprintf("a %s VM of this size takes at most %d network interfaces, and this VM has %d %s", o.Name, max, nics, Cite("SIZES")),
			Fix:  "Use a size with more network interfaces, or fewer network interfaces."}
	}
	return nil
}

// CheckNICsOn is CheckNICs on release r, whose release notes may lower the
// size's limit (Standard_F12_HPN takes one NIC on 2205 [RN-2205]).
func CheckNICsOn(s Size, o OS, nics int, r Release) *Problem {
	if n, ok := sizeNICLimitOn(s, r); ok && nics > n {
		return &Problem{Attribute: "size", Value: s.Name,
			Rule: fmt.Sprintf("on release %s, %s takes at most %d network interface(s), and this VM has %d %s", r, s.Name, n, nics, Cite("RN-2205")),
			Fix:  "Use another HPN size, or one network interface."}
	}
	return CheckNICs(s, o, nics)
}

// windowsComputerNameMax is the NetBIOS limit of Windows computer names.
const windowsComputerNameMax = 15

var (
	vmNameForm       = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}[a-zA-Z0-9_]$|^[a-zA-Z0-9]$`)
	computerNameForm = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*$`)
)

// CheckVMName applies ARM's VM name rules: 1 to 64 letters, digits,
// hyphens, periods and underscores, starting with a letter or digit and
// not ending with a period or hyphen.
func CheckVMName(name string) *Problem {
	if vmNameForm.MatchString(name) {
		return nil
	}
	return &Problem{Attribute: "name", Value: name,
		Rule: "a VM name has 1 to 64 letters, digits, hyphens, periods and underscores, starts with a letter or digit and does not end with a period or hyphen",
		Fix:  "For example gpu-vm-01."}
}

// CheckComputerName applies the guest's host name rules: at most 15
// characters on Windows (NetBIOS), 64 on Linux; letters, digits and
// hyphens; not all digits. attribute says where the name came from
// (computer_name, or name when computer_name is unset).
func CheckComputerName(attribute, name string, t OSType) *Problem {
	max := 64
	if t == Windows {
		max = windowsComputerNameMax
	}
	p := &Problem{Attribute: attribute, Value: name}
	switch {
	case len(name) > max:
		p.Rule = fmt.Sprintf("a %s computer name has at most %d characters, and this one has %d", t, max, len(name))
		if attribute == "name" {
			p.Rule += " (computer_name defaults to name)"
		}
		p.Fix = fmt.Sprintf("Set computer_name to a name of at most %d characters.", max)
	case !computerNameForm.MatchString(name) || strings.Trim(name, "0123456789") == "":
		p.Rule = "a computer name has letters, digits and hyphens only, starts with a letter or digit, and is not all digits"
		p.Fix = "Set computer_name to such a name."
	default:
		return nil
	}
	return p
}

// passwordDenyList are passwords Azure's compute refuses outright; on the
// device they are a warning (see CheckAdminPassword).
var passwordDenyList = []string{"abc@123", "p@$$w0rd", "p@ssw0rd", "p@ssword123", "pa$$word", "pass@word1",
	"password!", "password1", "password22", "iloveyou!"}

// CheckAdminPassword applies the compute's password rules (Assumed: the
// device's compute applies Azure's): 8 to 123 characters on Windows, 6 to
// 72 on Linux, three of lower case, upper case, digits and other
// characters. One of a few well-known passwords is a warning. The password
// never appears in the problem.
func CheckAdminPassword(attribute, password string, t OSType) *Problem {
	min, max := 8, 123
	if t == Linux {
		min, max = 6, 72
	}
	p := &Problem{Attribute: attribute, Value: "(sensitive value)"}
	classes := 0
	for _, has := range []func(rune) bool{
		func(r rune) bool { return r >= 'a' && r <= 'z' },
		func(r rune) bool { return r >= 'A' && r <= 'Z' },
		func(r rune) bool { return r >= '0' && r <= '9' },
		func(r rune) bool { return (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') },
	} {
		if strings.IndexFunc(password, has) >= 0 {
			classes++
		}
	}
	switch {
	case len(password) < min || len(password) > max:
		p.Rule = fmt.Sprintf("a %s admin password has %d to %d characters; this one has %d", t, min, max, len(password))
	case classes < 3:
		p.Rule = "an admin password has three of: lower-case letters, upper-case letters, digits, other characters"
	case containsFold(passwordDenyList, password):
		// Azure's compute refuses these, but the device takes the vendor's
		// own sample (Password1) [TPL]: a warning, not a refusal.
		p.Warning = true
		p.Rule = "this is one of the well-known passwords Azure refuses; the device accepts them (the vendor's own sample parameter file uses one " + Cite("TPL") + "), but anyone may guess it"
		p.Fix = "Choose a password of your own."
		return p
	default:
		return nil
	}
	p.Fix = "Choose another password; the device refuses the VM otherwise."
	return p
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
