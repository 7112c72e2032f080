# Installs folio $FOLIO_VERSION into $FOLIO_HOME/bin: the release binary,
# checked against its SHA-256 checksum, or else built with cargo.
set -eu
FOLIO_HOME="${FOLIO_HOME:-$HOME/.folio}"
bin="$FOLIO_HOME/bin"
if [ -x "$bin/folio" ] && "$bin/folio" --version | grep -qx "folio $FOLIO_VERSION"; then
  echo "folio $FOLIO_VERSION: cached"
else
  case "$(uname -m)" in
    aarch64 | arm64) target=aarch64-unknown-linux-musl ;;
    *) target=x86_64-unknown-linux-musl ;;
  esac
  archive="folio-$target.tar.gz"
  url="$FOLIO_REPO/releases/download/v$FOLIO_VERSION"
  tmp="$(mktemp -d)"
  mkdir -p "$bin"
  if curl -fsSL --retry 3 -o "$tmp/$archive" "$url/$archive" &&
    curl -fsSL --retry 3 -o "$tmp/$archive.sha256" "$url/$archive.sha256"; then
    expected="$(cut -d ' ' -f 1 <"$tmp/$archive.sha256")"
    actual="$(sha256sum "$tmp/$archive" | cut -d ' ' -f 1)"
    if [ "$expected" != "$actual" ]; then
      echo "error: $archive: checksum mismatch (expected $expected, got $actual)" >&2
      exit 1
    fi
    tar -xzf "$tmp/$archive" -C "$tmp"
    cp "$tmp/folio-$target/folio" "$bin/folio"
    chmod 755 "$bin/folio"
  else
    echo "no release binary of folio $FOLIO_VERSION for $target; building it with cargo (about 2 minutes)"
    cargo install --locked --root "$FOLIO_HOME" "folio@$FOLIO_VERSION"
  fi
  rm -rf "$tmp"
fi
"$bin/folio" --version
