#!/usr/bin/env bash
# Test a Terraform module against the Azure Stack Edge mock device:
# install Terraform and the mock (unless you have them), start the mock
# from a fixture, load its settings, run terraform test, stop the mock.
#
#   ./test-module.sh MODULE_DIR FIXTURE [terraform test options...]
#
# TERRAFORM           a terraform (or tofu) to use; default the one on PATH,
#                     else Terraform $TERRAFORM_VERSION is downloaded
# MOCKDEVICE          a mockdevice to use; default the one on PATH, else
#                     go install ...@$MOCKDEVICE_VERSION (default latest;
#                     a directory instead builds from that provider clone)
# TF_VAR_image_id, TF_VAR_subnet_id
#                     default to the mock's RHEL 7.4 image ($IMAGE_NAME) and
#                     compute subnet; Terraform ignores them if your module
#                     has no such variables
# Only installing Terraform and the mock needs the network.
set -euo pipefail

module_dir=${1:?usage: $0 MODULE_DIR FIXTURE [terraform test options...]}
fixture=$(cd "$(dirname "${2:?usage: $0 MODULE_DIR FIXTURE}")" && pwd)/$(basename "$2")
shift 2
TERRAFORM_VERSION=${TERRAFORM_VERSION:-1.11.4}
MOCKDEVICE_VERSION=${MOCKDEVICE_VERSION:-latest}
IMAGE_NAME=${IMAGE_NAME:-rhel-7-4}
work=$(mktemp -d)
mock_pid=
stop() {
	if [ -n "$mock_pid" ]; then
		kill "$mock_pid" 2>/dev/null || true
		wait "$mock_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap stop EXIT

# 1. Terraform.
terraform=${TERRAFORM:-$(command -v terraform || true)}
if [ -z "$terraform" ]; then
	os=$(uname -s | tr '[:upper:]' '[:lower:]')
	arch=$(uname -m)
	case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
	echo "installing Terraform $TERRAFORM_VERSION"
	curl -fsSL -o "$work/terraform.zip" \
		"https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/terraform_${TERRAFORM_VERSION}_${os}_${arch}.zip"
	unzip -q -d "$work/bin" "$work/terraform.zip"
	terraform=$work/bin/terraform
fi

# 2. The mock device.
mockdevice=${MOCKDEVICE:-$(command -v mockdevice || true)}
if [ -z "$mockdevice" ] && [ -d "$MOCKDEVICE_VERSION" ]; then
	echo "building the mock device from $MOCKDEVICE_VERSION"
	(cd "$MOCKDEVICE_VERSION" && go build -o "$work/bin/mockdevice" ./internal/mockdevice/cmd/mockdevice)
	mockdevice=$work/bin/mockdevice
elif [ -z "$mockdevice" ]; then
	echo "installing the mock device ($MOCKDEVICE_VERSION)"
	GOBIN=$work/bin go install "github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice/cmd/mockdevice@${MOCKDEVICE_VERSION}"
	mockdevice=$work/bin/mockdevice
fi
"$mockdevice" -version

# 3. Start it from the fixture; it writes its settings when it serves.
"$mockdevice" -fixture "$fixture" -env-out "$work/mock.env" -ca-out "$work/mock-ca.pem" \
	>"$work/mock.out" 2>"$work/mock.log" &
mock_pid=$!
for _ in $(seq 100); do
	grep -qs AZURE_AUTHORITY_HOST "$work/mock.env" && break
	kill -0 "$mock_pid" 2>/dev/null || { cat "$work/mock.log" >&2; exit 1; }
	sleep 0.1
done
grep -qs AZURE_AUTHORITY_HOST "$work/mock.env" || { echo "the mock device did not start" >&2; cat "$work/mock.log" >&2; exit 1; }
head -1 "$work/mock.out"

# 4. Load its settings: the provider reads AZURESTACKEDGE_*, and the AZURE_*
# ones sign in to the mock's Azure side (GPU capacity, Kubernetes).
set -a
# shellcheck disable=SC1091
. "$work/mock.env"
set +a
export TF_VAR_image_id=${TF_VAR_image_id:-/subscriptions/$AZURESTACKEDGE_SUBSCRIPTION_ID/resourceGroups/ASEImages/providers/Microsoft.Compute/images/$IMAGE_NAME}
export TF_VAR_subnet_id=${TF_VAR_subnet_id:-/subscriptions/$AZURESTACKEDGE_SUBSCRIPTION_ID/resourceGroups/ASERG/providers/Microsoft.Network/virtualNetworks/ASEVNET/subnets/ASEVNETsubNet}
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

# 5. terraform test. With dev_overrides (a local build of the provider)
# there is nothing to init: fetch the modules only. Either way, the modules
# that run blocks use are fetched from the test directory terraform test
# is given (tests/ unless -test-directory says otherwise).
cd "$module_dir"
test_dir=(-test-directory=tests)
prev=
for arg in "$@"; do
	case "$arg" in -test-directory=*) test_dir=("$arg") ;; esac
	[ "$prev" = -test-directory ] && test_dir=(-test-directory="$arg")
	prev=$arg
done
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && grep -qs dev_overrides "$TF_CLI_CONFIG_FILE"; then
	"$terraform" get "${test_dir[@]}"
else
	"$terraform" init -input=false "${test_dir[@]}"
fi
"$terraform" test "$@"
# 6. The trap stops the mock device, whatever the result.
