// Command testsummary reads `go test -json` on stdin and prints what CI
// must say: how many tests passed, each skipped test with the reason it
// gave, and the output of each failed test. It exits 1 when any failed.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

func main() {
	title := "tests"
	if len(os.Args) > 1 {
		title = os.Args[1]
	}
	output := map[string][]string{}
	var passed int
	var skipped, failed []string
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		if e.Test == "" {
			if e.Action == "fail" {
				failed = append(failed, e.Package)
			}
			continue
		}
		switch e.Action {
		case "output":
			if !strings.HasPrefix(e.Output, "=== ") && !strings.HasPrefix(strings.TrimSpace(e.Output), "--- ") {
				output[e.Test] = append(output[e.Test], e.Output)
			}
		case "pass":
			passed++
		case "skip":
			skipped = append(skipped, e.Test)
		case "fail":
			failed = append(failed, e.Test)
		}
	}
	sort.Strings(skipped)
	fmt.Printf("%s: %d passed, %d skipped, %d failed\n", title, passed, len(skipped), len(failed))
	for _, t := range skipped {
		fmt.Printf("  skipped %s: %s\n", t, strings.TrimSpace(strings.Join(output[t], " ")))
	}
	for _, t := range failed {
		fmt.Printf("FAILED %s:\n%s\n", t, strings.Join(output[t], ""))
	}
	if len(failed) > 0 {
		os.Exit(1)
	}
}
