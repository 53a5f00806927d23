// Package device is a typed client for an Azure Stack Edge device's local
// Azure Resource Manager and for the Azure-side Microsoft.DataBoxEdge device
// resource. It is built on azcore (pipeline, retry policy, pollers,
// ResponseError) and azidentity (tokens), and knows nothing of Terraform.
//
// Errors are *Error values that keep ARM's code and message and match one
// of the Err* kinds in errors.go (ErrNotFound, ErrConflict,
// ErrInsufficientGPUs, ErrTLS, ...) with errors.Is.
package device
