// Command mockdevice serves an emulated Azure Stack Edge Pro GPU device over
// HTTPS and prints, as shell export lines, the settings that point the
// provider (and azidentity, for the Azure side) at it:
//
//	eval "$(go run ./internal/mockdevice/cmd/mockdevice -ca-out /tmp/ase-ca.pem &)"
//
// It runs until interrupted. -fixture FILE starts it from a described
// device (VMs, Kubernetes, release, hardware); flags given on the command
// line override the file. Install it with
//
//	go install github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice/cmd/mockdevice@<version>
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/buildversion"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// version is set at release time (goreleaser's ldflags), as the
// provider's is; buildversion makes both report the same.
var version = buildversion.Dev

type faultFlags []mockdevice.Fault

func (f *faultFlags) String() string { return fmt.Sprint(*f) }

func (f *faultFlags) Set(s string) error {
	fault, err := mockdevice.ParseFault(s)
	if err != nil {
		return err
	}
	*f = append(*f, fault)
	return nil
}

func main() {
	if err := serve(); err != nil {
		fmt.Fprintln(os.Stderr, "mockdevice:", err)
		os.Exit(1)
	}
}

// serve runs the device until interrupted.
func serve() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, os.Args[1:], os.Stdout, os.Stderr)
}

// run serves the device until ctx ends.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mockdevice", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		listen      = fs.String("listen", "127.0.0.1:0", "address to serve on (port 0 picks a free one)")
		gpus        = fs.Int("gpus", 2, "number of GPUs, 1 or 2")
		gpuType     = fs.String("gpu-type", "T4", "GPU type, T4 or A2")
		memoryGiB   = fs.Int("memory-gib", catalog.DeviceMemoryGiB, "the device's memory in GiB (an Azure Stack Edge Pro GPU has 128, 96 usable)")
		release     = fs.String("release", catalog.Newest().String(), "device software release (YYMM)")
		password    = fs.String("password", "", "the device's ARM password (default: random, or the state file's)")
		stateFile   = fs.String("state", "", "state file: resources and GPU claims survive restarts")
		caOut       = fs.String("ca-out", "", "write the device's root certificate (PEM) to this file (default: a file in the temp directory)")
		envOut      = fs.String("env-out", "", "also write the export lines to this file")
		opDelay     = fs.Duration("op-delay", 2*time.Second, "how long VM and extension operations take")
		tokenLife   = fs.Duration("token-lifetime", 90*time.Minute, "how long access tokens last")
		legacy      = fs.Bool("legacy-deallocate", false, "stopped GPU VMs give up their GPU (to Kubernetes, if configured) on any release; without it, on the releases whose notes say so (2103 to 2205)")
		wholeSecond = fs.Bool("whole-second-retry-after", false, "answer operations with Retry-After in whole seconds only, as the real device")
		deviceName  = fs.String("device-name", "mockase", "device name, as in management.<name>.<domain>")
		seed        = fs.Int64("seed", 0, "seed for rate-based faults (0: random)")
		logRequests = fs.Bool("log", false, "print a line per request to stderr")
		fixtureFile = fs.String("fixture", "", "start from the device this JSON file describes (release, gpus, gpu_type, memory_gib, kubernetes,\n"+
			"vms, images, resource_groups, networks); flags given on the command line override it")
		showVersion = fs.Bool("version", false, "print the version and exit")
		faults      faultFlags
	)
	fs.Var(&faults, "fault", "inject a fault: kind[,method=M][,path=P][,rate=R][,count=N][,retry-after=D][,delay=D][,nth=N];\n"+
		"kind is 429, 500, 503, drop, lost-response or slow; nth=N hits only the Nth matching request (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *showVersion {
		fmt.Fprintln(stdout, "mockdevice", buildversion.Of(version))
		return nil
	}
	rel, err := catalog.ParseRelease(*release)
	if err != nil {
		return err
	}
	gt, ok := catalog.ParseGPUType(*gpuType)
	if !ok {
		return fmt.Errorf("-gpu-type %q is neither T4 nor A2", *gpuType)
	}
	opts := mockdevice.Options{
		Listen: *listen, GPUs: *gpus, GPUType: gt, MemoryGiB: *memoryGiB, Release: rel, Password: *password, StateFile: *stateFile,
		OpDelay: *opDelay, TokenLifetime: *tokenLife, LegacyDeallocate: *legacy, WholeSecondRetryAfter: *wholeSecond,
		DeviceName: *deviceName, Seed: *seed, Faults: faults,
	}
	if *fixtureFile != "" {
		if opts.Fixture, err = mockdevice.ReadFixture(*fixtureFile); err != nil {
			return err
		}
		keepOnlyGivenHardware(fs, &opts)
		if _, err := os.Stat(*stateFile); *stateFile != "" && err == nil {
			fmt.Fprintf(stderr, "mockdevice: %s already holds a device: it starts from that, not from -fixture %s (whose hardware must be the same)\n", *stateFile, *fixtureFile)
		}
	}
	if *logRequests {
		logger := log.New(stderr, "mockdevice: ", log.LstdFlags|log.Lmicroseconds)
		opts.Logf = logger.Printf
	}
	srv, err := mockdevice.Start(opts)
	if err != nil {
		return err
	}
	defer srv.Close()

	if *caOut == "" {
		*caOut = filepath.Join(os.TempDir(), "azurestackedge-mockdevice-ca.pem")
	}
	if err := os.WriteFile(*caOut, srv.CAPEM(), 0o644); err != nil { //nolint:gosec // a certificate is public
		return fmt.Errorf("writing -ca-out: %w", err)
	}
	caPath, _ := filepath.Abs(*caOut)
	exports := srv.ExportLines(caPath)
	if *envOut != "" {
		if err := os.WriteFile(*envOut, []byte(exports), 0o600); err != nil {
			return fmt.Errorf("writing -env-out: %w", err)
		}
	}
	gs := srv.GPUs()
	fmt.Fprintf(stdout, "# Azure Stack Edge mock device %q (mockdevice %s): %d %s GPU(s), %d free, release %s, at %s\n",
		*deviceName, buildversion.Of(version), gs.Total, srv.Hardware().GPUType, gs.Free, srv.Hardware().Release, srv.URL())
	fmt.Fprint(stdout, exports)
	if f, ok := stdout.(*os.File); ok {
		_ = f.Sync()
	}
	fmt.Fprintf(stderr, "mockdevice: serving %s; images in resource group %s: %s; interrupt to stop\n",
		srv.URL(), mockdevice.ImageResourceGroup, strings.Join(imageNames(), ", "))

	<-ctx.Done()
	fmt.Fprintln(stderr, "mockdevice: stopping")
	if err := srv.Close(); err != nil && !errors.Is(err, os.ErrClosed) {
		return err
	}
	return nil
}

// keepOnlyGivenHardware zeroes the hardware options whose flags were not
// given, so the fixture's values apply to them: flags on the command line
// override the file, flag defaults do not.
func keepOnlyGivenHardware(fs *flag.FlagSet, opts *mockdevice.Options) {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if !given["release"] {
		opts.Release = catalog.Release{}
	}
	if !given["gpus"] {
		opts.GPUs = 0
	}
	if !given["gpu-type"] {
		opts.GPUType = ""
	}
	if !given["memory-gib"] && opts.Fixture.MemoryGiB != 0 {
		opts.MemoryGiB = 0
	}
}

func imageNames() []string {
	var names []string
	for _, os := range catalog.AllOS() {
		names = append(names, mockdevice.ImageName(os.Key))
	}
	return names
}
