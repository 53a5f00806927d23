package provider

import (
	"fmt"
	"os"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/placement"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Environment variables read when the provider block leaves an argument out.
const (
	envARMEndpoint   = "AZURESTACKEDGE_ARM_ENDPOINT"
	envPassword      = "AZURESTACKEDGE_ARM_PASSWORD"
	envUsername      = "AZURESTACKEDGE_USERNAME"
	envSubscription  = "AZURESTACKEDGE_SUBSCRIPTION_ID"
	envCACertificate = "AZURESTACKEDGE_CA_CERTIFICATE"
	envRelease       = "AZURESTACKEDGE_DEVICE_RELEASE"
	envDeviceID      = "AZURESTACKEDGE_DEVICE_ID"
	envAzureEndpoint = "AZURESTACKEDGE_AZURE_ENDPOINT"
)

// providerModel is the provider block.
type providerModel struct {
	ARMEndpoint        types.String `tfsdk:"arm_endpoint"`
	Password           types.String `tfsdk:"password"`
	Username           types.String `tfsdk:"username"`
	SubscriptionID     types.String `tfsdk:"subscription_id"`
	CACertificate      types.String `tfsdk:"ca_certificate"`
	InsecureSkipVerify types.Bool   `tfsdk:"insecure_skip_verify"`
	DeviceRelease      types.String `tfsdk:"device_release"`
	DeviceID           types.String `tfsdk:"device_id"`
	AzureEndpoint      types.String `tfsdk:"azure_endpoint"`
	GPUCount           types.Int64  `tfsdk:"gpu_count"`
	GPUType            types.String `tfsdk:"gpu_type"`
	MemoryGiB          types.Int64  `tfsdk:"memory_gib"`
}

// settings are the provider block and the environment resolved.
type settings struct {
	device  device.Config
	release catalog.Release
	// declared is the hardware of gpu_count and gpu_type, used when no
	// device_id gives the Azure side's capacity; nil with device_id. GPUs is
	// 0 when gpu_count is not set either: the GPU count is then unknown.
	declared *placement.Hardware
}

// resolveSettings reads the provider block, falling back to the
// environment, and checks what the schema's validators cannot: values that
// came from the environment, and values that must be set.
func resolveSettings(m providerModel, getenv func(string) string) (settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	pick := func(v types.String, env string) (string, bool) {
		if !v.IsNull() {
			return v.ValueString(), false
		}
		return getenv(env), true
	}
	var s settings
	var fromEnv bool

	s.device.ARMEndpoint, fromEnv = pick(m.ARMEndpoint, envARMEndpoint)
	switch {
	case s.device.ARMEndpoint == "":
		diags.AddAttributeError(path.Root("arm_endpoint"), "Missing arm_endpoint",
			"The device's local ARM endpoint is not set. Set arm_endpoint in the provider block or "+envARMEndpoint+
				", for example https://management.<device>.<dns-domain>/ (the device's local web UI shows it on its Device page).")
	case fromEnv && checkARMEndpointURL(s.device.ARMEndpoint) != "":
		diags.AddAttributeError(path.Root("arm_endpoint"), "Invalid "+envARMEndpoint,
			fmt.Sprintf("%s = %q %s", envARMEndpoint, s.device.ARMEndpoint, checkARMEndpointURL(s.device.ARMEndpoint)))
	}
	if s.device.Password, _ = pick(m.Password, envPassword); s.device.Password == "" {
		diags.AddAttributeError(path.Root("password"), "Missing password",
			"The device's ARM password is not set. Set password in the provider block or "+envPassword+
				"; it is set on the device's local web UI (Cloud details / Azure Resource Manager) "+catalog.Cite("CONN")+".")
	}
	s.device.Username, _ = pick(m.Username, envUsername)
	s.device.SubscriptionID, fromEnv = pick(m.SubscriptionID, envSubscription)
	if fromEnv && s.device.SubscriptionID != "" && !uuidForm.MatchString(s.device.SubscriptionID) {
		diags.AddAttributeError(path.Root("subscription_id"), "Invalid "+envSubscription,
			fmt.Sprintf("%s = %q is not a GUID.", envSubscription, s.device.SubscriptionID))
	}

	ca, fromEnv := pick(m.CACertificate, envCACertificate)
	if fromEnv && ca != "" && !strings.Contains(ca, "-----BEGIN") {
		// The environment variable may name a file.
		b, err := os.ReadFile(ca)
		if err != nil {
			diags.AddAttributeError(path.Root("ca_certificate"), "Unreadable "+envCACertificate,
				fmt.Sprintf("%s = %q is neither PEM nor a readable file: %v.", envCACertificate, ca, err))
		}
		ca = string(b)
	}
	if ca != "" {
		if problem := checkPEM(ca); problem != "" {
			diags.AddAttributeError(path.Root("ca_certificate"), "Invalid CA certificate", "The CA certificate "+problem+".")
		}
		s.device.CACertificatePEM = []byte(ca)
	}
	s.device.InsecureSkipVerify = m.InsecureSkipVerify.ValueBool()
	if s.device.InsecureSkipVerify {
		if fromEnv && ca != "" {
			diags.AddAttributeError(path.Root("insecure_skip_verify"), "Conflicting TLS settings",
				"insecure_skip_verify is set, and so is "+envCACertificate+"; give the CA certificate and drop insecure_skip_verify.")
		}
		diags.AddAttributeWarning(path.Root("insecure_skip_verify"), "TLS verification is off",
			"insecure_skip_verify = true trusts any certificate: whoever can intercept the connection to the device "+
				"sees the ARM password. Give the device's root certificate in ca_certificate instead.")
	}

	rel, fromEnv := pick(m.DeviceRelease, envRelease)
	s.release = catalog.Newest()
	if rel != "" {
		r, err := catalog.ParseRelease(rel)
		switch {
		case err != nil:
			where := "device_release"
			if fromEnv {
				where = envRelease
			}
			diags.AddAttributeError(path.Root("device_release"), "Invalid device release",
				fmt.Sprintf("%s = %q: %v; known releases: %s.", where, rel, err, strings.Join(catalog.KnownReleases(), ", ")))
		case !r.IsKnown() && r.AtLeast(catalog.Newest()):
			diags.AddAttributeWarning(path.Root("device_release"), "Device release newer than this provider",
				fmt.Sprintf("Release %s is newer than the newest this provider knows (%s); its size list and extension versions are taken as %s's.",
					r, catalog.Newest(), catalog.Newest()))
			s.release = r
		default:
			s.release = r
		}
	}

	var idFromEnv bool
	s.device.DeviceID, idFromEnv = pick(m.DeviceID, envDeviceID)
	if idFromEnv && s.device.DeviceID != "" {
		if _, err := device.ParseTypedID(s.device.DeviceID, "Microsoft.DataBoxEdge", "dataBoxEdgeDevices"); err != nil {
			diags.AddAttributeError(path.Root("device_id"), "Invalid "+envDeviceID, fmt.Sprintf("%s: %v.", envDeviceID, err))
		}
	}
	s.device.AzureEndpoint, fromEnv = pick(m.AzureEndpoint, envAzureEndpoint)
	if fromEnv && s.device.AzureEndpoint != "" && checkAzureEndpointURL(s.device.AzureEndpoint) != "" {
		diags.AddAttributeError(path.Root("azure_endpoint"), "Invalid "+envAzureEndpoint,
			fmt.Sprintf("%s = %q %s", envAzureEndpoint, s.device.AzureEndpoint, checkAzureEndpointURL(s.device.AzureEndpoint)))
	}

	// The first hardware argument set, if any: the schema refuses them
	// beside a device_id in the provider block, but not beside one from
	// the environment.
	declared := ""
	for _, a := range []struct {
		name string
		set  bool
	}{{"gpu_count", !m.GPUCount.IsNull()}, {"gpu_type", !m.GPUType.IsNull()}, {"memory_gib", !m.MemoryGiB.IsNull()}} {
		if a.set && declared == "" {
			declared = a.name
		}
	}
	switch {
	case s.device.DeviceID != "" && declared != "":
		diags.AddAttributeError(path.Root(declared), "Conflicting GPU settings",
			"gpu_count, gpu_type and memory_gib declare the hardware of a device with no device_id; device_id is set (from "+
				map[bool]string{true: envDeviceID, false: "the provider block"}[idFromEnv]+
				"), and the device's Azure side then reports its GPUs and memory. Drop gpu_count, gpu_type and memory_gib, or device_id.")
	case s.device.DeviceID == "":
		// The seed's devices carry T4s; A2 devices must say so.
		h := placement.Hardware{GPUType: catalog.GPUTypeT4}
		if !m.GPUType.IsNull() {
			h.GPUType, _ = catalog.ParseGPUType(m.GPUType.ValueString())
		}
		h.MemoryGiB = int(m.MemoryGiB.ValueInt64())
		if !m.GPUCount.IsNull() {
			h.GPUs = int(m.GPUCount.ValueInt64())
		} else {
			diags.AddAttributeWarning(path.Root("gpu_count"), "GPU capacity unknown",
				"Neither device_id nor gpu_count is set, so this provider cannot tell how many GPUs the device has, "+
					"nor whether Kubernetes holds some: plans asking for more GPUs than are free are not refused until the "+
					"device refuses them during apply. Set device_id (with Azure credentials) to read the device's capacity, "+
					"or gpu_count (1 or 2) to declare it.")
		}
		s.declared = &h
	}
	return s, diags
}

// anyUnknown reports whether some argument is not known yet (it depends on
// a resource), in which case the provider cannot connect during this plan.
func (m providerModel) anyUnknown() bool {
	for _, v := range []interface{ IsUnknown() bool }{m.ARMEndpoint, m.Password, m.Username, m.SubscriptionID,
		m.CACertificate, m.InsecureSkipVerify, m.DeviceRelease, m.DeviceID, m.AzureEndpoint, m.GPUCount, m.GPUType, m.MemoryGiB} {
		if v.IsUnknown() {
			return true
		}
	}
	return false
}
