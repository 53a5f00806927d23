package e2e

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/encoding"
)

// The benchmarks print figures; they assert nothing about time. Run them
// with: TF_ACC=1 go test ./internal/e2e -run '^$' -bench . -benchtime 1x

// requestKind sorts a device request for the plan benchmark.
func requestKind(r mockdevice.Request) string {
	p := strings.ToLower(r.Path)
	switch {
	case strings.HasPrefix(p, "/metadata") || strings.Contains(p, "/oauth2/") || strings.Contains(p, "openid") || p == "/subscriptions":
		return "sign-in"
	case strings.HasSuffix(p, "/providers/microsoft.compute/virtualmachines") || strings.Contains(p, "devicecapacityinfo") || strings.HasSuffix(p, "/roles"):
		return "inventory"
	case r.Method == "GET":
		return "read"
	}
	return "other"
}

// planRequests applies n GPU VMs with drivers, spread over devices of 2
// VMs each, each device behind its own provider alias, then plans twice:
// as applied, and with every VM resized (which checks the device's GPUs).
// It returns, for each plan, the kinds of request each device answered.
// run is called around each plan, for a benchmark's timer.
func planRequests(tb testing.TB, n int, run func(plan func())) (steps []string, counts [][]map[string]int) {
	tb.Helper()
	acctest.PreCheck(tb)
	devices := n / 2
	var ds []*acctest.Device
	var config strings.Builder
	for i := 0; i < devices; i++ {
		d := acctest.StartDevice(tb, mockdevice.Options{GPUs: 2, OpDelay: 10 * time.Millisecond})
		ds = append(ds, d)
		alias := fmt.Sprintf("d%d", i)
		fmt.Fprintf(&config, "provider \"azurestackedge\" {\n  alias = %q\n  arm_endpoint = %q\n  password = %q\n  ca_certificate = %q\n  gpu_count = 2\n}\n",
			alias, d.URL(), d.Credentials().Password, string(d.CAPEM()))
		for v := 0; v < 2; v++ {
			name := fmt.Sprintf("vm%d_%d", i, v)
			vm := d.GPUVM(name, strings.ReplaceAll(name, "_", "-"), "Standard_NC4as_T4_v3", "rhel_7_4", "provider = azurestackedge."+alias)
			config.WriteString(vm)
			fmt.Fprintf(&config, "resource \"azurestackedge_gpu_extension\" %q {\n  provider = azurestackedge.%s\n  virtual_machine_id = azurestackedge_gpu_vm.%s.id\n}\n", name, alias, name)
		}
	}
	w := acctest.NewWorkspace(tb, map[string]string{})
	w.Write(config.String())
	c := context.Background()
	if err := w.Apply(c); err != nil {
		tb.Fatal(err)
	}
	resized := strings.ReplaceAll(config.String(), "Standard_NC4as_T4_v3", "Standard_NC8as_T4_v3")
	for _, step := range []struct{ what, config string }{{"unchanged", config.String()}, {"every VM resized", resized}} {
		w.Write(step.config)
		for _, d := range ds {
			d.ResetRequests()
		}
		run(func() {
			if _, err := w.Plan(c); err != nil {
				tb.Fatal(err)
			}
		})
		perDevice := make([]map[string]int, len(ds))
		for i, d := range ds {
			perDevice[i] = map[string]int{}
			for _, r := range d.Requests() {
				perDevice[i][requestKind(r)]++
			}
		}
		steps = append(steps, step.what)
		counts = append(counts, perDevice)
	}
	w.Write(config.String())
	_ = w.Destroy(c)
	return steps, counts
}

// BenchmarkPlanRequests counts the device requests terraform plan makes
// for N GPU VMs with drivers, spread over devices of 2 VMs each, each
// device behind its own provider alias. Goal: sign-in and at most one
// inventory fetch per device, and one read per resource;
// TestPlanRequestGoals asserts the goals that hold today.
func BenchmarkPlanRequests(b *testing.B) {
	for _, n := range []int{2, 10, 50} {
		b.Run(fmt.Sprintf("vms=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				steps, counts := planRequests(b, n, func(plan func()) { b.StartTimer(); plan(); b.StopTimer() })
				devices, resources := n/2, 2*n
				for s, what := range steps {
					kinds := map[string]int{}
					for _, perDevice := range counts[s] {
						for k, v := range perDevice {
							kinds[k] += v
						}
					}
					total := kinds["sign-in"] + kinds["inventory"] + kinds["read"] + kinds["other"]
					if what == "every VM resized" {
						b.ReportMetric(float64(total), "requests/plan")
						b.ReportMetric(float64(kinds["inventory"])/float64(devices), "inventory-requests/device")
						b.ReportMetric(float64(kinds["read"])/float64(resources), "reads/resource")
					}
					fmt.Printf("plan (%s) of %d GPU VMs with drivers on %d devices: %d requests: %d sign-in, %d inventory, %d reads (%.1f per resource; a VM is read with its NIC), %d other\n",
						what, n, devices, total, kinds["sign-in"], kinds["inventory"], kinds["read"], float64(kinds["read"])/float64(resources), kinds["other"])
				}
			}
		})
	}
}

// The plan benchmark's goals that are request counts, so deterministic,
// asserted on 4 GPU VMs with drivers over 2 devices, device by device: no
// inventory when nothing in the plan needs GPUs, at most one inventory
// fetch per device when every VM is resized (with gpu_count set, a list of
// the VMs and a list of their run-time statuses: a list of VMs has no
// power states, a list of statuses no sizes), at most one sign-in (4
// requests: metadata, OpenID configuration, token, subscriptions), at most
// a read per VM, its NIC and its driver, and nothing but reads.
func TestPlanRequestGoals(t *testing.T) {
	t.Parallel()
	const vmsPerDevice = 2
	steps, counts := planRequests(t, 4, func(plan func()) { plan() })
	if len(counts) != 2 || len(counts[0]) != 2 {
		t.Fatalf("measured %d plans of %d devices, want 2 of 2", len(counts), len(counts[0]))
	}
	for s, what := range steps {
		inventoryCap := 2
		if what == "unchanged" {
			inventoryCap = 0
		}
		for i, kinds := range counts[s] {
			for _, goal := range []struct {
				kind string
				max  int
			}{{"inventory", inventoryCap}, {"sign-in", 4}, {"read", 3 * vmsPerDevice}, {"other", 0}} {
				if got := kinds[goal.kind]; got > goal.max {
					t.Errorf("plan (%s), device %d: %d %s requests, goal at most %d (all: %v)", what, i, got, goal.kind, goal.max, kinds)
				}
			}
			if kinds["read"] == 0 {
				t.Errorf("plan (%s), device %d: no reads; the plan did not reach the device (all: %v)", what, i, kinds)
			}
		}
	}
}

// BenchmarkApplyWallTime divides the wall time of terraform apply of a GPU
// VM and its driver by the time the device's operations take (NIC, VM,
// extension, in that order). Goal: at most 1.1. BENCH_OP_DELAY sets the
// device's operation time (default 10s). The device may say when to poll
// in milliseconds (retry-after-ms) or, as the real device is assumed to,
// in whole seconds (Retry-After only).
func BenchmarkApplyWallTime(b *testing.B) {
	delay := 10 * time.Second
	if v, err := time.ParseDuration(os.Getenv("BENCH_OP_DELAY")); err == nil {
		delay = v
	}
	for _, wholeSeconds := range []bool{false, true} {
		name := "retry-after-ms"
		if wholeSeconds {
			name = "whole-second-retry-after"
		}
		b.Run(name, func(b *testing.B) {
			acctest.PreCheck(b)
			d := acctest.StartDevice(b, mockdevice.Options{GPUs: 1, OpDelay: delay, WholeSecondRetryAfter: wholeSeconds})
			w := acctest.NewWorkspace(b, d.Env())
			w.Write(vmAndDriver(d, "vm", "", ""))
			c := context.Background()
			device := delay/10 + delay + delay // NIC (a tenth), VM, extension
			var worst float64
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if err := w.Apply(c); err != nil {
					b.Fatal(err)
				}
				ratio := time.Since(start).Seconds() / device.Seconds()
				if ratio > worst {
					worst = ratio
				}
				fmt.Printf("apply of a GPU VM and its driver (%s): %s wall for %s of device operations: ratio %.3f\n",
					name, time.Since(start).Round(10*time.Millisecond), device, ratio)
				b.StopTimer()
				if err := w.Destroy(c); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			b.ReportMetric(worst, "wall/device-time")
		})
	}
}

// rawCodec passes gRPC messages through as bytes, so the benchmark can
// call the provider without the plugin protocol's generated types.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error) { return *(v.(*[]byte)), nil }
func (rawCodec) Unmarshal(data []byte, v any) error {
	*(v.(*[]byte)) = append([]byte(nil), data...)
	return nil
}
func (rawCodec) Name() string { return "raw" }

var _ encoding.Codec = rawCodec{}

// BenchmarkProviderStartup starts the provider binary as Terraform does
// (the plugin handshake), asks for its schema over gRPC, and reports the
// time until the schema is served and the process's peak memory.
func BenchmarkProviderStartup(b *testing.B) {
	acctest.PreCheck(b)
	bin := filepath.Join(acctest.ProviderBinaryDir(b), "terraform-provider-azurestackedge")
	var totalMS, worstRSS float64
	for i := 0; i < b.N; i++ {
		ms, rssKiB, size := startOnce(b, bin)
		totalMS += ms
		if rssKiB > worstRSS {
			worstRSS = rssKiB
		}
		fmt.Printf("provider start-up: schema (%d bytes) served after %.1f ms; peak memory %.1f MiB\n", size, ms, rssKiB/1024)
	}
	b.ReportMetric(totalMS/float64(b.N), "ms-to-schema")
	b.ReportMetric(worstRSS/1024, "peak-MiB")
}

func startOnce(b *testing.B, bin string) (ms, rssKiB float64, size int) {
	b.Helper()
	start := time.Now()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
		"PLUGIN_PROTOCOL_VERSIONS=6")
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		b.Fatalf("no plugin handshake: %v", err)
	}
	parts := strings.Split(strings.TrimSpace(line), "|") // core|app|network|address|protocol
	if len(parts) < 5 || parts[1] != "6" || parts[4] != "grpc" {
		b.Fatalf("handshake %q", line)
	}
	conn, err := grpc.NewClient("unix://"+parts[3], grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	req, resp := []byte{}, []byte{}
	if err := conn.Invoke(context.Background(), "/tfplugin6.Provider/GetProviderSchema", &req, &resp, grpc.ForceCodec(rawCodec{})); err != nil {
		b.Fatalf("GetProviderSchema: %v", err)
	}
	ms = float64(time.Since(start).Microseconds()) / 1000
	status, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	for _, l := range strings.Split(string(status), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			rssKiB, _ = strconv.ParseFloat(f[1], 64)
		}
	}
	return ms, rssKiB, len(resp)
}

// BenchmarkSchemaInProcess measures serving the schema in-process: the
// work of building it, without the process start.
func BenchmarkSchemaInProcess(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		server, err := providerserver.NewProtocol6WithError(provider.New("bench")())()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{}); err != nil {
			b.Fatal(err)
		}
	}
}
