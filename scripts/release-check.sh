#!/usr/bin/env bash
# make release-check: builds a snapshot release with goreleaser (no
# signing, nothing published) and checks what it made: the provider's
# registry files (a zip per platform, SHA256SUMS listing exactly those zips
# and the manifest) and, beside them, the mock device's archives for the
# same platforms, which the registry's files must not mention. First, that
# go install ...@<version> of the mock works.
set -euo pipefail
# GORELEASER may be a command with arguments (go tool -modfile=...), so it
# is expanded unquoted below.
GORELEASER=${GORELEASER:?set GORELEASER to the goreleaser command}
CONFIG=${CONFIG:-.goreleaser.yml}

# Users install the mock with go install ...@<version>: check that works
# and stamps the version, from a local module proxy.
"$(dirname "$0")/check-go-install.sh"

$GORELEASER check --config "$CONFIG"
$GORELEASER release --config "$CONFIG" --snapshot --clean --skip=sign --timeout 30m >/dev/null

fail() { echo "release-check: $*" >&2; exit 1; }
cd dist
sums=$(ls terraform-provider-azurestackedge_*_SHA256SUMS)
version=${sums#terraform-provider-azurestackedge_}
version=${version%_SHA256SUMS}
provider=$(ls terraform-provider-azurestackedge_"$version"_*.zip)
mock=$(ls azurestackedge-mockdevice_"$version"_*.tar.gz azurestackedge-mockdevice_"$version"_*.zip 2>/dev/null)
platforms() { sed -E 's/^[a-z-]+_[^_]+_//; s/\.(zip|tar\.gz)$//' | sort; }

manifest=terraform-provider-azurestackedge_"$version"_manifest.json
echo "provider (what the Terraform registry reads):"
printf '  %s\n' $provider "$sums" "$manifest (uploaded from terraform-registry-manifest.json)"
echo "mock device:"
printf '  %s\n' $mock

[ -n "$provider" ] || fail "no provider zips"
[ -n "$mock" ] || fail "no mock device archives"
# SHA256SUMS lists the provider's zips and the manifest, nothing else, and
# their sums are right (the manifest is released from the repository root).
listed=$(awk '{print $2}' "$sums" | sort)
want=$(printf '%s\n' $provider "$manifest" | sort)
[ "$listed" = "$want" ] || fail "$sums lists $(echo $listed), want $(echo $want)"
grep -v "  $manifest\$" "$sums" | sha256sum --quiet -c - || fail "$sums does not match the zips"
[ "$(grep "  $manifest\$" "$sums" | cut -d' ' -f1)" = "$(sha256sum <../terraform-registry-manifest.json | cut -d' ' -f1)" ] ||
	fail "$sums has the wrong sum for the manifest"
# Every provider platform has a mock device archive, and no more.
[ "$(printf '%s\n' $provider | platforms)" = "$(printf '%s\n' $mock | platforms)" ] ||
	fail "the mock's platforms differ from the provider's"
# Each archive holds its binary: the provider's named as the registry
# expects, and no mock device in it.
for z in $provider; do
	unzip -Z1 "$z" | grep -qxE "terraform-provider-azurestackedge_v$version(\.exe)?" || fail "$z has no provider binary"
	! unzip -Z1 "$z" | grep -q mockdevice || fail "$z holds the mock device"
done
for a in $mock; do
	case "$a" in
	*.zip) unzip -Z1 "$a" | grep -qx 'mockdevice.exe' || fail "$a has no mockdevice.exe" ;;
	*) tar -tzf "$a" | grep -qx 'mockdevice' || fail "$a has no mockdevice" ;;
	esac
done
# The mock of this machine's platform reports the release's version.
here=azurestackedge-mockdevice_"$version"_$(go env GOOS)_$(go env GOARCH).tar.gz
if [ -f "$here" ]; then
	tmp=$(mktemp -d)
	tar -xzf "$here" -C "$tmp" mockdevice
	[ "$("$tmp/mockdevice" -version)" = "mockdevice $version" ] || fail "$here: mockdevice -version says $("$tmp/mockdevice" -version), want $version"
	rm -rf "$tmp"
fi
echo "release-check: $(echo $provider | wc -w) provider zips in $sums, $(echo $mock | wc -w) mock device archives beside them"
