package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/asegpu/terraform-provider-azurestackedge/internal/acctest"
	"github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice"
)

// workloadRequestKind sorts a device request for the workload benchmark.
func workloadRequestKind(r mockdevice.Request) string {
	p := strings.ToLower(r.Path)
	switch {
	case strings.HasPrefix(p, "/metadata") || strings.Contains(p, "/oauth2/") || strings.Contains(p, "openid") || p == "/subscriptions":
		return "sign-in"
	case strings.Contains(p, "devicecapacityinfo"):
		return "capacity"
	case strings.HasSuffix(p, "/providers/microsoft.compute/virtualmachines") || strings.HasSuffix(p, "/roles"):
		return "inventory"
	case strings.HasSuffix(p, "/providers/microsoft.compute/images"):
		return "image-list"
	case strings.HasSuffix(p, "/providers/microsoft.network/virtualnetworks"):
		return "network-list"
	case r.Method == "GET":
		return "read"
	}
	return "other"
}

// BenchmarkWorkloadPlanRequests counts the device requests terraform plan
// makes for GPU VMs with data disks and cloud-init, their image and subnet
// found through the discovery data sources, their GPUs and memory checked
// through the device's Azure side. Goal: the memory and disk checks add no
// request per resource (memory comes with the one capacity fetch), and
// each discovery data source is one list request.
func BenchmarkWorkloadPlanRequests(b *testing.B) {
	acctest.PreCheck(b)
	d := acctest.StartDevice(b, mockdevice.Options{GPUs: 2, OpDelay: 10 * time.Millisecond})
	const vms = 2
	config := func(size string, diskGB int) string {
		var c strings.Builder
		c.WriteString(`
data "azurestackedge_images" "rhel" {
  name    = "rhel-7-4"
  os_type = "Linux"
}
data "azurestackedge_virtual_networks" "all" {}
`)
		for i := 0; i < vms; i++ {
			fmt.Fprintf(&c, `
resource "azurestackedge_gpu_vm" "vm%d" {
  name                = "wl%d"
  resource_group_name = "ASERG"
  size                = %q
  os                  = "rhel_7_4"
  image_id            = one(data.azurestackedge_images.rhel.images).id
  subnet_id           = one(flatten(data.azurestackedge_virtual_networks.all.virtual_networks[*].subnets)).id
  admin_username      = "azureuser"
  admin_password      = "Bench-Passw0rd!"
  custom_data         = base64encode("#cloud-config\n")
  data_disks          = [{ lun = 0, size_gb = %d }, { lun = 1, size_gb = 64 }]
}
`, i, i, size, diskGB)
		}
		return c.String()
	}
	w := acctest.NewWorkspace(b, d.Env())
	w.Write(config("Standard_NC4as_T4_v3", 64))
	ctx := context.Background()
	if err := w.Apply(ctx); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, step := range []struct{ what, config string }{
			{"unchanged", config("Standard_NC4as_T4_v3", 64)},
			{"every VM resized and a disk grown", config("Standard_NC16as_T4_v1", 128)},
		} {
			w.Write(step.config)
			d.ResetRequests()
			if _, err := w.Plan(ctx); err != nil {
				b.Fatal(err)
			}
			kinds := map[string]int{}
			total := 0
			for _, r := range d.Requests() {
				kinds[workloadRequestKind(r)]++
				total++
			}
			if step.what != "unchanged" {
				b.ReportMetric(float64(total), "requests/plan")
				b.ReportMetric(float64(kinds["capacity"]), "capacity-requests/plan")
				b.ReportMetric(float64(kinds["image-list"]+kinds["network-list"])/2, "list-requests/discovery-data-source")
				b.ReportMetric(float64(kinds["read"])/vms, "reads/VM")
			}
			fmt.Printf("plan (%s) of %d GPU VMs with 2 data disks and custom data each: %d requests: %d sign-in, %d capacity (GPUs, memory, storage), "+
				"%d inventory, %d image list, %d network list, %d reads (%.1f per VM), %d other\n",
				step.what, vms, total, kinds["sign-in"], kinds["capacity"], kinds["inventory"], kinds["image-list"], kinds["network-list"],
				kinds["read"], float64(kinds["read"])/vms, kinds["other"])
		}
	}
	b.StopTimer()
	w.Write(config("Standard_NC4as_T4_v3", 64))
	_ = w.Destroy(ctx)
}
