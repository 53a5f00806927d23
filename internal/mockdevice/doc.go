// Package mockdevice emulates an Azure Stack Edge Pro GPU device over HTTPS:
// its local Azure Resource Manager (subscription, resource groups, networks,
// NICs, images, managed disks, VMs with data disks and VM extensions), its
// ADFS token service and endpoint metadata, and the Azure-side
// Microsoft.DataBoxEdge device resource with GPU capacity and the Kubernetes
// role.
//
// It answers at the API versions of the device's documented profiles
// (apiversions.go), and as ARM does it refuses what it cannot take: bodies
// over 4 MiB, names against the naming rules, too many tags, bodies that are
// not one JSON object (requestbody.go, names.go), and any request property
// the device does not model (requestshape.go), rather than drop it.
//
// It enforces the device's rules (see ../shared/reference/device.md in the
// project root): VM sizes of the release, one GPU per GPU VM slot, the
// Kubernetes role claiming every free GPU, the GPU driver extension's
// requirements. Long-running operations behave as ARM's do: 201/202 with
// Azure-AsyncOperation, Location and Retry-After, then an operation status
// that goes InProgress to Succeeded, Failed or Canceled.
//
// The package shares only the catalog's data with the provider: it must not
// import internal/device or internal/placement, so the two sides cannot agree
// by accident.
package mockdevice
