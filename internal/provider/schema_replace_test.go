package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
)

// describer is what every plan modifier is.
type describer interface {
	Description(context.Context) string
}

// planModifiersOf lists an attribute's plan modifiers, of whatever type.
func planModifiersOf(a schema.Attribute) []describer {
	var out []describer
	add := func(n int, at func(int) describer) {
		for i := 0; i < n; i++ {
			out = append(out, at(i))
		}
	}
	switch a := a.(type) {
	case interface{ StringPlanModifiers() []planmodifier.String }:
		m := a.StringPlanModifiers()
		add(len(m), func(i int) describer { return m[i] })
	case interface{ Int64PlanModifiers() []planmodifier.Int64 }:
		m := a.Int64PlanModifiers()
		add(len(m), func(i int) describer { return m[i] })
	case interface{ BoolPlanModifiers() []planmodifier.Bool }:
		m := a.BoolPlanModifiers()
		add(len(m), func(i int) describer { return m[i] })
	case interface{ ListPlanModifiers() []planmodifier.List }:
		m := a.ListPlanModifiers()
		add(len(m), func(i int) describer { return m[i] })
	case interface{ MapPlanModifiers() []planmodifier.Map }:
		m := a.MapPlanModifiers()
		add(len(m), func(i int) describer { return m[i] })
	}
	return out
}

// Every attribute that forces replacement says so in its description, so
// the generated docs do.
func TestReplacingAttributesSaySo(t *testing.T) {
	ctx := context.Background()
	for _, r := range []resource.Resource{newGPUVMResource(), newGPUExtensionResource()} {
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "azurestackedge"}, &meta)
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		checked := 0
		for name, a := range resp.Schema.Attributes {
			for _, m := range planModifiersOf(a) {
				d := strings.ToLower(m.Description(ctx))
				if !strings.Contains(d, "destroy and recreate") && !strings.Contains(d, "replace") {
					continue
				}
				checked++
				if !strings.Contains(strings.ToLower(a.GetMarkdownDescription()), "replaces") {
					t.Errorf("%s.%s forces replacement, and its description does not say so: %q", meta.TypeName, name, a.GetMarkdownDescription())
				}
				break
			}
		}
		if checked == 0 {
			t.Errorf("%s: no attribute found that forces replacement", meta.TypeName)
		}
	}
}
