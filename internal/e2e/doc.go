// Package e2e holds end-to-end tests that drive the Terraform CLI with a
// built provider (through dev_overrides) against mock devices: the fault
// matrix, two runs racing for a GPU, a randomized soak, secrets in logs,
// plans and state, a corpus of bad input, and benchmarks of requests,
// wall time and start-up. It has no code of its own, only tests.
package e2e
