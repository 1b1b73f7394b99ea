#!/usr/bin/env bash
# Builds the browser client into web/dist, which `threshold serve` serves: the page, the JS
# glue and the wasm module. The glue and the module carry a hash of their content in their
# names (browsers keep them for a year; a new build has new names), and every file gets a
# brotli (.br) and a gzip (.gz) copy.
#
# Needs Node.js (18 or later) with npm, besides Rust. Installs what it lacks: the wasm32
# target, the wasm-bindgen CLI of exactly the version of the wasm-bindgen crate in Cargo.lock,
# and binaryen (the optimiser's own npm package, at a pinned version, in
# ~/.cache/threshold-tools: Debian's wasm-opt 108 breaks Bevy's output). Brotli is Node's
# (zlib, Google's encoder).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/threshold-target}"
tools="${THRESHOLD_TOOLS:-$HOME/.cache/threshold-tools}"
binaryen_version="132.0.0"

for need in node npm; do
  if ! command -v "$need" >/dev/null; then
    echo "web/build.sh needs Node.js and npm (Debian: apt install nodejs npm)" >&2
    exit 1
  fi
done

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

binaryen="$tools/binaryen-$binaryen_version/node_modules/binaryen/bin/wasm-opt"
if [ ! -f "$binaryen" ]; then
  echo "== installing binaryen $binaryen_version (npm) into $tools"
  mkdir -p "$tools/binaryen-$binaryen_version"
  npm install --prefix "$tools/binaryen-$binaryen_version" --no-audit --no-fund --no-save \
    "binaryen@$binaryen_version" >/dev/null
fi

echo "== building the browser client (wasm32, profile web)"
# The client without the desktop's extras (X11, PNG for the screenshot tour).
cargo build --locked --profile web --target wasm32-unknown-unknown --bin threshold \
  --no-default-features --features client

out="web/dist"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$work" --out-name threshold \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/web/threshold.wasm"

echo "== optimising the module (binaryen $binaryen_version)"
# Removes what nothing reaches and folds identical functions. binaryen's -Oz/-Os/-O2 passes
# make the module 6-14 % smaller raw but 1-2 % larger in brotli, which is what a student
# downloads (measured in web/README.md). The features are those rustc enables for wasm32.
node "$binaryen" --dce --remove-unused-module-elements --duplicate-function-elimination --vacuum \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-multivalue --enable-mutable-globals \
  -o "$work/opt.wasm" "$work/threshold_bg.wasm"
echo "== $(( $(stat -c %s "$work/threshold_bg.wasm") / 1024 )) KiB from wasm-bindgen, $(( $(stat -c %s "$work/opt.wasm") / 1024 )) KiB optimised"

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
  node -e '
    const z = require("zlib"), fs = require("fs"), f = process.argv[1], b = fs.readFileSync(f);
    const p = z.constants;
    fs.writeFileSync(f + ".br", z.brotliCompressSync(b, { params: {
      [p.BROTLI_PARAM_QUALITY]: 11, [p.BROTLI_PARAM_LGWIN]: 24, [p.BROTLI_PARAM_SIZE_HINT]: b.length } }));
  ' "$f" &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done

kib() { echo "$(( $(stat -c %s "$1") / 1024 )) KiB"; }
echo "== web/dist: $wasm $(kib "$out/$wasm") raw, $(kib "$out/$wasm.br") brotli, $(kib "$out/$wasm.gz") gzip; $js $(kib "$out/$js.br") brotli"
