package catalog

import (
	"regexp"
	"strings"
)

// OSFromImage names the OS key of an image from what the device keeps of
// it: its osType (Windows or Linux, recorded on the image and on the VM's
// OS disk [TPL]) and its name. It answers only when exactly one OS of that
// type is named by the image's name, which ImageNamesOS assumes; otherwise
// ok is false and the OS cannot be known from the device.
func OSFromImage(osType, imageName string) (os OS, ok bool) {
	var found []OS
	for _, o := range oses {
		if strings.EqualFold(string(o.Type), osType) && imageNames(imageName, o) {
			found = append(found, o)
		}
	}
	if len(found) != 1 {
		return OS{}, false
	}
	return found[0], true
}

// osFamilies are the words an image name may use for each OS family.
var osFamilies = map[string][]string{
	"ubuntu":  {"ubuntu"},
	"rhel":    {"rhel", "redhat"},
	"windows": {"windows", "win", "ws"},
}

// versionRun is a version in a name: digits, maybe split by one separator
// ("18.04", "18_04", "2019", "7-4").
var versionRun = regexp.MustCompile(`\d+(?:[._-]\d+)*`)

// imageNames reports whether name names o: the family's word and o's
// version, whole ("rhel-8-4" names no rhel_8).
func imageNames(name string, o OS) bool {
	if !ImageNamesOS {
		return false
	}
	parts := strings.Split(o.Key, "_")
	family, version := parts[0], ""
	for _, p := range parts[1:] {
		if p != "" && strings.Trim(p, "0123456789") == "" {
			version += p
		}
	}
	lower := strings.ToLower(name)
	named := false
	for _, w := range osFamilies[family] {
		named = named || strings.Contains(lower, w)
	}
	if !named || version == "" {
		return false
	}
	for _, run := range versionRun.FindAllString(lower, -1) {
		if strings.NewReplacer(".", "", "_", "", "-", "").Replace(run) == version {
			return true
		}
	}
	return false
}
