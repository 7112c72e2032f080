#!/bin/sh
# Installs folio @VERSION@ from its GitHub release: picks the archive for this
# machine, checks its SHA-256 checksum, and puts the binary in
# $FOLIO_INSTALL_DIR (default: ~/.local/bin). Usage:
#   curl --proto '=https' --tlsv1.2 -LsSf @REPO@/releases/download/v@VERSION@/folio-installer.sh | sh
# FOLIO_INSTALLER_DOWNLOAD_URL replaces the release address (a mirror; the tests).
set -eu

version="@VERSION@"
base="${FOLIO_INSTALLER_DOWNLOAD_URL:-@REPO@/releases/download/v$version}"
dest="${FOLIO_INSTALL_DIR:-$HOME/.local/bin}"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-musl ;;
  Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-musl ;;
  Darwin-x86_64) target=x86_64-apple-darwin ;;
  Darwin-arm64 | Darwin-aarch64) target=aarch64-apple-darwin ;;
  *)
    echo "folio-installer: no release binary for $(uname -s) $(uname -m); use 'cargo install --locked folio@$version'" >&2
    exit 1
    ;;
esac

archive="folio-$target.tar.gz"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "folio-installer: downloading $archive (folio $version)"
# https only (file: for a local mirror), never a redirect to plain http.
curl --proto '=https,file' --proto-redir '=https' --tlsv1.2 -fsSL -o "$tmp/$archive" "$base/$archive"
curl --proto '=https,file' --proto-redir '=https' --tlsv1.2 -fsSL -o "$tmp/$archive.sha256" "$base/$archive.sha256"

expected="$(cut -d ' ' -f 1 <"$tmp/$archive.sha256")"
if command -v sha256sum >/dev/null 2>&1; then
  actual="$(sha256sum "$tmp/$archive" | cut -d ' ' -f 1)"
else
  actual="$(shasum -a 256 "$tmp/$archive" | cut -d ' ' -f 1)"
fi
if [ "$expected" != "$actual" ]; then
  echo "folio-installer: checksum mismatch for $archive (expected $expected, got $actual)" >&2
  exit 1
fi

tar -xzf "$tmp/$archive" -C "$tmp"
mkdir -p "$dest"
cp "$tmp/folio-$target/folio" "$dest/folio"
chmod 755 "$dest/folio"
echo "folio-installer: installed $dest/folio"
case ":$PATH:" in
  *":$dest:"*) ;;
  *) echo "folio-installer: add $dest to your PATH (e.g. in ~/.profile: export PATH=\"$dest:\$PATH\")" ;;
esac
