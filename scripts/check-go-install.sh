#!/usr/bin/env bash
# Checks that users can install the mock device with
#   go install github.com/asegpu/terraform-provider-azurestackedge/internal/mockdevice/cmd/mockdevice@<version>
# without the network: this commit is served as version v$VERSION from a
# file-based module proxy (the layout proxy.golang.org serves), installed
# from outside the module, and must then report that version with -version.
set -euo pipefail
VERSION=${VERSION:-0.0.0-installcheck}
MODULE=github.com/asegpu/terraform-provider-azurestackedge
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT

dir=$work/proxy/$MODULE/@v
mkdir -p "$dir"
# A module zip holds the committed files under module@version/.
git -C "$root" archive --format=zip --prefix="$MODULE@v$VERSION/" -o "$dir/v$VERSION.zip" HEAD
cp "$root/go.mod" "$dir/v$VERSION.mod"
printf '{"Version":"v%s","Time":"%s"}\n' "$VERSION" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$dir/v$VERSION.info"
printf 'v%s\n' "$VERSION" >"$dir/list"

# Dependencies come from the module cache (or the usual proxy); only this
# module comes from the file proxy, and it has no checksum database entry.
cd "$work"
GOBIN=$work/bin GOFLAGS=-modcacherw GONOSUMDB=$MODULE \
	GOPROXY="file://$work/proxy,$(go env GOPROXY)" \
	go install "$MODULE/internal/mockdevice/cmd/mockdevice@v$VERSION"
got=$("$work/bin/mockdevice" -version)
echo "go install ...@v$VERSION: $got"
test "$got" = "mockdevice $VERSION" || { echo "want: mockdevice $VERSION" >&2; exit 1; }
