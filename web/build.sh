#!/usr/bin/env bash
# Builds the browser client into web/dist, which `threshold serve` serves: the page, the JS
# glue and the wasm module. The glue and the module carry a hash of their content in their
# names (browsers keep them for a year; a new build has new names), and every file gets a
# brotli (.br) and a gzip (.gz) copy.
#
# Installs what it lacks: the wasm32 target, the wasm-bindgen CLI of exactly the version of
# the wasm-bindgen crate in Cargo.lock, and, at pinned versions in ~/.cache/threshold-tools,
# binaryen's optimiser (the `wasm-opt` crate, which builds binaryen from source: Debian's
# wasm-opt 108 breaks Bevy's output) and a brotli encoder (the `brotli` crate's command).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/threshold-target}"
tools="${THRESHOLD_TOOLS:-$HOME/.cache/threshold-tools}"
wasm_opt_version="0.116.1" # binaryen 116
brotli_version="8.0.2"

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown

version="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')"
if [ -z "$version" ]; then
  echo "web/build.sh: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | cut -d' ' -f2)" != "$version" ]; then
  echo "== installing wasm-bindgen-cli $version"
  # Not --locked: the CLI's own lock file does not build with this toolchain.
  cargo install wasm-bindgen-cli --version "$version"
fi

# A tool from crates.io at a pinned version, in $tools (built once, then cached).
tool() {
  local crate=$1 version=$2
  if ! cargo install --list --root "$tools" 2>/dev/null | grep -qx "$crate v$version:"; then
    echo "== installing $crate $version into $tools"
    cargo install --locked --root "$tools" "$crate" --version "$version"
  fi
}
tool wasm-opt "$wasm_opt_version"
tool brotli "$brotli_version"

echo "== building the browser client (wasm32, profile web)"
cargo build --locked --profile web --target wasm32-unknown-unknown --bin threshold

out="web/dist"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$work" --out-name threshold \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/web/threshold.wasm"

echo "== optimising the module (binaryen wasm-opt -Oz)"
# The features rustc enables for wasm32 by default, so binaryen keeps the instructions.
"$tools/bin/wasm-opt" -Oz \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-multivalue --enable-mutable-globals \
  -o "$work/opt.wasm" "$work/threshold_bg.wasm"

# Content-hashed names: threshold-<16 hex>.js and threshold-<16 hex>_bg.wasm (what the server
# caches for a year, src/net/front.rs).
hash() { sha256sum "$1" | cut -c1-16; }
wasm="threshold-$(hash "$work/opt.wasm")_bg.wasm"
js="threshold-$(hash "$work/threshold.js").js"
rm -rf "$out"
mkdir -p "$out"
cp "$work/opt.wasm" "$out/$wasm"
cp "$work/threshold.js" "$out/$js"
bytes=$(stat -c %s "$out/$wasm")
sed -e "s/@JS@/$js/g" -e "s/@WASM@/$wasm/g" -e "s/@WASM_BYTES@/$bytes/g" web/index.html >"$out/index.html"
if grep -q '@[A-Z_]*@' "$out/index.html"; then
  echo "web/build.sh: a placeholder is left in index.html" >&2
  exit 1
fi

echo "== compressing (brotli 11, gzip 9)"
pids=()
for f in "$out/$wasm" "$out/$js" "$out/index.html"; do
  gzip -9 -k -n "$f" &
  pids+=($!)
  "$tools/bin/brotli" -c -q11 -w24 "$f" "$f.br" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done

kib() { echo "$(( $(stat -c %s "$1") / 1024 )) KiB"; }
echo "== web/dist: $wasm $(kib "$out/$wasm") raw, $(kib "$out/$wasm.br") brotli, $(kib "$out/$wasm.gz") gzip; $js $(kib "$out/$js.br") brotli"
