package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/catalog"
	"github.com/hashicorp/terraform-plugin-framework/function"
)

var _ function.Function = gpuCountFunction{}

// gpuCountFunction is provider::azurestackedge::gpu_count(size).
type gpuCountFunction struct{}

func newGPUCountFunction() function.Function { return gpuCountFunction{} }

func (gpuCountFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "gpu_count"
}

func (gpuCountFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary:             "GPUs a VM size takes",
		MarkdownDescription: "Returns how many GPUs a VM of the given size holds on an Azure Stack Edge device: 1 or 2 for GPU sizes, 0 for general-purpose sizes. An unknown size is an error.",
		Parameters: []function.Parameter{function.StringParameter{
			Name:                "size",
			MarkdownDescription: "A VM size name, such as `Standard_NC4as_T4_v3` (case does not matter).",
		}},
		Return: function.Int64Return{},
	}
}

func (gpuCountFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var size string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &size))
	if resp.Error != nil {
		return
	}
	s, ok := catalog.LookupSize(size)
	if !ok {
		resp.Error = function.NewArgumentFuncError(0, fmt.Sprintf("%q is not a VM size of Azure Stack Edge devices; GPU sizes are %s",
			size, strings.Join(catalog.GPUSizeNames(catalog.Newest(), catalog.GPUTypeT4), ", ")+" (T4) and "+
				strings.Join(catalog.GPUSizeNames(catalog.Newest(), catalog.GPUTypeA2), ", ")+" (A2)"))
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, int64(s.GPUs)))
}
