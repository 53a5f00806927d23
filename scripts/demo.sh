#!/usr/bin/env bash
# The demo: a mock Azure Stack Edge device with 2 GPUs, two GPU VMs with
# their NVIDIA drivers applied with Terraform, the plan the provider
# refuses for a third, and the clean-up. Run it with `make demo`.
# Everything it writes stays in .demo/ (nothing in your home directory).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DEMO=$ROOT/.demo
TERRAFORM=${TERRAFORM:-terraform}
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

rm -rf "$DEMO" && mkdir -p "$DEMO/bin"

step "Building the provider and the mock device"
go build -o "$DEMO/bin/terraform-provider-azurestackedge" .
go build -o "$DEMO/bin/mockdevice" ./internal/mockdevice/cmd/mockdevice

step "Starting the mock device: 2 NVIDIA T4 GPUs, device operations take 2s (state in .demo/device.json)"
"$DEMO/bin/mockdevice" -log -gpus 2 -op-delay 2s -state "$DEMO/device.json" -ca-out "$DEMO/device-ca.pem" \
  -env-out "$DEMO/device.env" >"$DEMO/mockdevice.out" 2>"$DEMO/mockdevice.log" &
MOCK=$!
trap 'kill $MOCK 2>/dev/null || true; wait $MOCK 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$DEMO/device.env" ] && break; sleep 0.1; done
[ -s "$DEMO/device.env" ] || { cat "$DEMO/mockdevice.log"; exit 1; }
# shellcheck disable=SC1091
source "$DEMO/device.env"
echo "device at $AZURESTACKEDGE_ARM_ENDPOINT; its settings:"
sed -e 's/\(PASSWORD\|SECRET\)=.*/\1=(hidden)/' "$DEMO/device.env" | sed 's/^/  /'

step "Pointing Terraform at this build of the provider (dev_overrides in .demo/terraformrc)"
cat >"$DEMO/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "asegpu/azurestackedge" = "$DEMO/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE=$DEMO/terraformrc TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
# A working copy, so state and Terraform's files stay in .demo/. With
# dev_overrides there is nothing to init.
mkdir -p "$DEMO/work" && cp examples/demo/*.tf "$DEMO/work/"
tf() { "$TERRAFORM" -chdir="$DEMO/work" "$@"; }

step "terraform apply: two GPU VMs (image and subnet found on the device) with their NVIDIA drivers, a data disk and cloud-init"
tf apply -input=false -auto-approve -compact-warnings

step "A third GPU VM: the provider refuses the plan, before anything is created"
if tf plan -input=false -var vm_count=3 -compact-warnings -no-color >"$DEMO/refused-plan.txt" 2>&1; then
  echo "the plan was not refused!" >&2
  exit 1
fi
sed -n '/Error:/,$p' "$DEMO/refused-plan.txt"

step "terraform destroy"
tf destroy -input=false -auto-approve -compact-warnings

step "Stopping the mock device"
kill $MOCK && wait $MOCK 2>/dev/null || true
trap - EXIT
echo "done: the mock device's request log is in .demo/mockdevice.log"
