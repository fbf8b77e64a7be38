#!/usr/bin/env bash
# Builds panj's Debian package, installs it with dpkg -i, checks what an
# analyst gets (the command, its man page, the desktop entry and icon, the
# completions, the data licences), then removes it. Run by .ci/run; needs
# root and apt-get (CI has both). Elsewhere it says why it skips.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    if [ "${CI:-}" = true ]; then
        echo "deb test: CI must run as root with apt-get to install the package" >&2
        exit 1
    fi
    echo "deb test skipped: installing a package needs root and apt-get"
    exit 0
fi

need=()
command -v dpkg-shlibdeps >/dev/null || need+=(dpkg-dev)
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v man >/dev/null || need+=(man-db)
if ((${#need[@]})); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v cargo-deb >/dev/null || cargo install cargo-deb --locked --version '^3.8'

cargo build --release --locked
docs=target/release/docs
rm -rf "$docs"
target/release/panj generate-docs "$docs"
gzip -9n "$docs"/*.1
rm -f target/debian/panj_*.deb
cargo deb --no-build
deb=$(ls target/debian/panj_*.deb)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)

trap 'dpkg -r panj >/dev/null 2>&1 || true' EXIT
if ! dpkg -i "$deb"; then
    # Libraries the package depends on that this machine lacks.
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq >/dev/null
fi
dpkg -s panj | grep -q '^Status: install ok installed'

fail() { echo "deb test: $*" >&2; exit 1; }
said=$(/usr/bin/panj --version)
[[ $said == "panj $version (commit "* ]] || fail "--version says: $said"
page=$(man -w panj) || fail "man -w panj finds no page"
[[ $page == /usr/share/man/man1/panj.1.gz ]] || fail "man page at $page"
man -w panj-import >/dev/null || fail "no man page for panj import"
desktop-file-validate /usr/share/applications/panj.desktop || fail "desktop entry refused"
for f in /usr/share/icons/hicolor/scalable/apps/panj.svg \
    /usr/share/icons/hicolor/256x256/apps/panj.png \
    /usr/share/bash-completion/completions/panj \
    /usr/share/zsh/vendor-completions/_panj \
    /usr/share/fish/vendor_completions.d/panj.fish \
    /usr/share/doc/panj/map-data-licences.md \
    /usr/share/doc/panj/copyright; do
    [ -s "$f" ] || fail "missing $f"
done
dpkg -s panj | grep -q '^Depends:.*libxkbcommon0' || fail "the GUI libraries are not among the dependencies"

dpkg -r panj >/dev/null
[ ! -e /usr/bin/panj ] || fail "dpkg -r left /usr/bin/panj"
trap - EXIT
echo "deb test: $(basename "$deb") built, installed, checked and removed: ok"
