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
# A module zip holds the committed files under module@version/, without the
# directories of nested modules (tools/*/go.mod): the proxy leaves them out,
# and the go command refuses a zip that has them.
nested=()
while IFS= read -r mod; do
	nested+=(":(exclude)$(dirname "$mod")")
done < <(git -C "$root" ls-files '*/go.mod')
git -C "$root" archive --format=zip --prefix="$MODULE@v$VERSION/" -o "$dir/v$VERSION.zip" HEAD -- . "${nested[@]}"
cp "$root/go.mod" "$dir/v$VERSION.mod"
printf '{"Version":"v%s","Time":"%s"}\n' "$VERSION" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$dir/v$VERSION.info"
printf 'v%s\n' "$VERSION" >"$dir/list"

# A module cache of its own, so that a version installed by an earlier run
# (same name, older commit) cannot stand in for this one. Dependencies come
# from the usual module cache (a proxy layout itself), else the usual proxy;
# only this module comes from the file proxy, and it has no checksum
# database entry.
cd "$work"
GOMODCACHE=$work/modcache GOBIN=$work/bin GOFLAGS=-modcacherw GONOSUMDB=$MODULE \
	GOPROXY="file://$work/proxy,file://$(go env GOMODCACHE)/cache/download,$(go env GOPROXY)" \
	go install "$MODULE/internal/mockdevice/cmd/mockdevice@v$VERSION"
got=$("$work/bin/mockdevice" -version)
echo "go install ...@v$VERSION: $got"
test "$got" = "mockdevice $VERSION" || { echo "want: mockdevice $VERSION" >&2; exit 1; }
