// Package provider is the Terraform glue: the provider, its resources,
// data sources and functions. Decisions live in internal/catalog and
// internal/placement; device calls in internal/device.
package provider

import (
	"context"
	"os"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/device"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/runcache"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var (
	_ provider.Provider              = (*AzureStackEdgeProvider)(nil)
	_ provider.ProviderWithFunctions = (*AzureStackEdgeProvider)(nil)
)

// AzureStackEdgeProvider is the azurestackedge provider.
type AzureStackEdgeProvider struct {
	version string
	getenv  func(string) string
	// shareRun shares the plan's device reads between the provider
	// processes of one Terraform run (see Served).
	shareRun bool
}

// New makes the provider, reading settings from the process environment.
func New(version string) func() provider.Provider {
	return NewWithEnv(version, os.Getenv)
}

// NewWithEnv makes the provider reading its environment through getenv, so
// tests can give each provider instance its own environment.
func NewWithEnv(version string, getenv func(string) string) func() provider.Provider {
	return func() provider.Provider { return &AzureStackEdgeProvider{version: version, getenv: getenv} }
}

// Served makes the provider as Terraform runs it, in a process of its own
// for each walk of a run: those processes share the device reads of the
// plan's checks (package runcache), so that `terraform apply` reads them
// once, not once for its plan and again for the apply's. Tests that serve
// the provider in their own process, for many runs, use New.
func Served(version string) func() provider.Provider {
	return func() provider.Provider {
		return &AzureStackEdgeProvider{version: version, getenv: os.Getenv, shareRun: true}
	}
}

func (p *AzureStackEdgeProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "azurestackedge"
	resp.Version = p.version
}

func (p *AzureStackEdgeProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Deploys GPU virtual machines and the NVIDIA GPU driver extension on Azure Stack Edge Pro GPU " +
			"devices through the device's local Azure Resource Manager, and refuses at plan time what the device would refuse.",
		Attributes: map[string]schema.Attribute{
			"arm_endpoint": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The device's local Azure Resource Manager endpoint, `https://management.<device>.<dns-domain>/`. " +
					"Environment: `" + envARMEndpoint + "`.",
				Validators: []validator.String{armEndpointURL()},
			},
			"password": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "The device's Azure Resource Manager password, set on its local web UI. Environment: `" + envPassword + "`.",
			},
			"username": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Sign in as this user (the device's user is `EdgeArmUser`) instead of as the scripted client. " +
					"Environment: `" + envUsername + "`.",
			},
			"subscription_id": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The device's subscription. Discovered when unset (a device has one). Environment: `" + envSubscription + "`.",
				Validators:          []validator.String{uuidString()},
			},
			"ca_certificate": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "PEM of the device's root certificate, which the device's certificates are signed with. " +
					"Environment: `" + envCACertificate + "`, which may also hold the path of a PEM file.",
				Validators: []validator.String{pemCertificate()},
			},
			"insecure_skip_verify": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Trust any certificate. For throwaway setups only: it exposes the password to whoever intercepts the connection.",
				Validators:          []validator.Bool{boolConflictsWith(path.MatchRoot("ca_certificate"))},
			},
			"device_release": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The device's software release, such as `2309`: it picks the VM sizes and GPU driver extension versions. " +
					"Default: the newest this provider knows. Environment: `" + envRelease + "`.",
				Validators: []validator.String{releaseName()},
			},
			"device_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Azure resource ID of the `Microsoft.DataBoxEdge/dataBoxEdgeDevices` device. When set, GPU capacity " +
					"and the Kubernetes role are read from it, with Azure credentials from the usual `AZURE_*` environment. " +
					"Environment: `" + envDeviceID + "`.",
				Validators: []validator.String{armID("Microsoft.DataBoxEdge", "dataBoxEdgeDevices")},
			},
			"azure_endpoint": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Where `device_id` lives. Default: `" + device.PublicAzureEndpoint + "`. " +
					"Environment: `" + envAzureEndpoint + "`.",
				Validators: []validator.String{azureEndpointURL()},
			},
			"gpu_count": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Declared number of GPUs (1 or 2) when `device_id` is not set.",
				Validators: []validator.Int64{int64validator.OneOf(1, 2),
					int64validator.ConflictsWith(path.MatchRoot("device_id"))},
			},
			"gpu_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Declared GPU type (`T4` or `A2`) when `device_id` is not set. Default: `T4`.",
				Validators: []validator.String{stringvalidator.OneOf("T4", "A2"),
					stringvalidator.ConflictsWith(path.MatchRoot("device_id"))},
			},
			"memory_gib": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: "Declared memory of the device in GiB when `device_id` is not set (an Azure Stack Edge Pro GPU has 128, " +
					"96 of them usable by workloads). With it, plans asking VMs for more memory than is free are refused. " +
					"Kubernetes' share cannot be seen without `device_id`.",
				Validators: []validator.Int64{int64validator.AtLeast(1), int64validator.ConflictsWith(path.MatchRoot("device_id"))},
			},
		},
	}
}

// Configure makes the device's client, which every resource and data
// source shares; it signs in on first use, once per provider process.
func (p *AzureStackEdgeProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if m.anyUnknown() {
		// The configuration depends on resources not created yet: plan
		// without the device; apply runs with it known.
		data := &providerData{unknownConfig: true, planSession: newPlanSession()}
		resp.ResourceData, resp.DataSourceData, resp.ListResourceData = data, data, data
		return
	}
	s, diags := resolveSettings(m, p.getenv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	secrets := []string{s.device.Password}
	s.device.UserAgent = "terraform-provider-azurestackedge/" + p.version
	s.device.Log = deviceLogger(secrets)
	s.device.Getenv = p.getenv
	var run *runcache.Cache
	if p.shareRun {
		// The sign-in's public documents are shared by every process of
		// the run, attended or not; the plan checks' reads only in an
		// unattended run (package runcache).
		if fixed := runcache.ForRunFixed(runScope(s)); fixed != nil {
			s.device.Endpoints = fixed
		}
		if run = runcache.ForRun(runScope(s)); run != nil {
			s.device.BeforeChange = run.Changed
		}
	}
	// Open signs in on the first request that needs the device: a
	// provider process with nothing to ask the device asks nothing.
	client, err := device.Open(s.device)
	if err != nil {
		attr, _ := providerArgumentOf(err)
		resp.Diagnostics.AddAttributeError(path.Root(attr), connectFailureSummary, connectionDetail(err))
		return
	}
	data := newProviderData(client, s)
	data.run = run
	if p.shareRun {
		data.destroying, data.destroyingAll, data.runName = runcache.Destroying(), runcache.DestroyingAll(), runcache.ThisRun()
	}
	resp.ResourceData, resp.DataSourceData, resp.ListResourceData = data, data, data
}

func (p *AzureStackEdgeProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{newGPUVMResource, newGPUExtensionResource}
}

func (p *AzureStackEdgeProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{newGPUInventoryDataSource, newVMSizesDataSource, newImagesDataSource, newVirtualNetworksDataSource}
}

func (p *AzureStackEdgeProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{newGPUCountFunction}
}
