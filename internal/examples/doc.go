// Package examples checks the examples/ tree with the real Terraform CLI:
// every example is formatted and valid against this build of the
// provider, and the gpu-workload module's terraform test passes against a
// mock device. It has no code of its own, only tests.
package examples
