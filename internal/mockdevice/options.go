package mockdevice

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
)

// Fixed identities of the device's token service [CONN, CLI].
const (
	// DeviceTenantID is the tenant ID of every device.
	DeviceTenantID = "c0257de7-538f-415c-993a-1b87a031879d"
	// ScriptClientID is the client ID scripts and SDKs sign in with, the ARM
	// password being the secret.
	ScriptClientID = "cbd868c5-7207-431f-8d16-1cb144b50971"
	// UserClientID is the client ID of the EdgeArmUser password sign-in.
	UserClientID = "1950a258-227b-4e31-a9cf-717495945fc2"
	// ARMUser is the device's ARM user.
	ARMUser = "EdgeArmUser"
)

// Identities of the mock's Azure side. Any values would do; fixed ones keep
// printed settings stable across restarts.
const (
	defaultSubscriptionID     = "a3f0b6c2-5d1e-4c7a-9e2b-7f3d8c1a6b40"
	defaultAzureSubscription  = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b"
	defaultAzureResourceGroup = "ase-rg"
	AzureTenantID             = "72f988bf-0000-4000-8000-00000000a5e0"
	AzureClientID             = "0b5e3c7a-9d41-4e2f-8a6b-1c2d3e4f5a6b"
)

// Options configure a mock device. The zero value is a 2-GPU T4 device of
// the newest known release with a random password.
type Options struct {
	// Listen is the address to listen on; default 127.0.0.1:0 (a free port).
	Listen string
	// GPUs is the number of GPUs, 1 or 2; default 2.
	GPUs int
	// GPUType is T4 or A2; default T4.
	GPUType catalog.GPUType
	// MemoryGiB is the device's memory in GiB. The command's default is the
	// Azure Stack Edge Pro GPU's 128 GiB ("Memory: raw", Azure Stack Edge
	// Pro GPU technical specifications,
	// https://learn.microsoft.com/azure/databox-online/azure-stack-edge-gpu-technical-specifications-compliance).
	MemoryGiB int
	// Release is the device software release; default the newest known.
	Release catalog.Release
	// Password is the device's ARM password; default random.
	Password string
	// AzureClientSecret is the secret of the Azure-side client; default random.
	AzureClientSecret string
	// DeviceName and DNSDomain make the device's names,
	// management.<DeviceName>.<DNSDomain>; default mockase.microsoftdatabox.com.
	DeviceName string
	DNSDomain  string
	// SubscriptionID is the local ARM's one subscription.
	SubscriptionID string
	// StateFile, when set, keeps every resource and GPU claim across restarts.
	StateFile string
	// OpDelay is how long device operations (VM, extension) take; default 2s.
	// Network operations take a tenth of it.
	OpDelay time.Duration
	// TokenLifetime is how long tokens last; default 90 minutes [EXT].
	TokenLifetime time.Duration
	// LegacyDeallocate makes a stopped or deallocated GPU VM give up its
	// GPU, which a Kubernetes role then takes, on any release. Without it
	// the release decides: its release notes say so up to 2205
	// (catalog.StoppedGPUVMsLoseGPUs).
	LegacyDeallocate bool
	// WholeSecondRetryAfter makes operations answer with Retry-After in
	// whole seconds only. By default they add retry-after-ms (which azcore
	// prefers) so sub-second operations in tests are polled promptly.
	// Assumed: the real device sends Retry-After only.
	WholeSecondRetryAfter bool
	// Fixture, when set, describes what the new device already runs (and
	// fills in the hardware options left zero). A device loaded from
	// StateFile keeps what the file holds instead.
	Fixture *Fixture
	// Faults are injected from the start; more can be added at run time.
	Faults []Fault
	// Seed makes rate-based faults repeatable; 0 picks one at random.
	Seed int64
	// Logf, when set, receives a line per request.
	Logf func(format string, args ...any)
}

func (o Options) withDefaults() (Options, error) {
	if o.Listen == "" {
		o.Listen = "127.0.0.1:0"
	}
	if o.GPUs == 0 {
		o.GPUs = 2
	}
	if o.GPUs != 1 && o.GPUs != 2 {
		return o, fmt.Errorf("a device has 1 or 2 GPUs, not %d", o.GPUs)
	}
	if o.MemoryGiB == 0 {
		o.MemoryGiB = catalog.DeviceMemoryGiB
	}
	if o.MemoryGiB < 0 {
		return o, fmt.Errorf("a device's memory is a positive number of GiB, not %d", o.MemoryGiB)
	}
	if o.GPUType == "" {
		o.GPUType = catalog.GPUTypeT4
	}
	if _, ok := catalog.ParseGPUType(string(o.GPUType)); !ok {
		return o, fmt.Errorf("GPU type %q is neither T4 nor A2", o.GPUType)
	}
	if o.Release.IsZero() {
		o.Release = catalog.Newest()
	}
	if o.Password == "" {
		o.Password = randomSecret()
	}
	if o.AzureClientSecret == "" {
		o.AzureClientSecret = randomSecret()
	}
	if o.DeviceName == "" {
		o.DeviceName = "mockase"
	}
	if o.DNSDomain == "" {
		o.DNSDomain = "microsoftdatabox.com"
	}
	if o.SubscriptionID == "" {
		o.SubscriptionID = defaultSubscriptionID
	}
	if o.OpDelay == 0 {
		o.OpDelay = 2 * time.Second
	}
	if o.TokenLifetime == 0 {
		o.TokenLifetime = 90 * time.Minute
	}
	return o, nil
}

func randomSecret() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "Pw-" + hex.EncodeToString(b)
}

// Credentials are what a client needs to sign in to the device and to its
// Azure side.
type Credentials struct {
	// Password is the device's ARM password: the scripted client's secret and
	// EdgeArmUser's password.
	Password       string
	Username       string
	SubscriptionID string
	// DeviceID is the Azure resource ID of the Microsoft.DataBoxEdge device.
	DeviceID          string
	AzureTenantID     string
	AzureClientID     string
	AzureClientSecret string
}
