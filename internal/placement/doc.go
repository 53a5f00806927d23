// Package placement is the device's GPU arithmetic: who holds which GPUs
// (VMs, the Kubernetes role), how many are free, and whether the GPU VMs a
// plan adds, grows or starts fit. It is pure: the provider feeds it what
// the device reports and the plan asks for.
package placement
