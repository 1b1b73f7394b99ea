#!/usr/bin/env bash
# Builds the browser client into web/dist, which `threshold serve` serves (the page, the JS
# glue and the wasm, each with a gzip copy). Installs what it lacks: the wasm32 target and
# the wasm-bindgen CLI of exactly the version of the wasm-bindgen crate in Cargo.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/threshold-target}"

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

echo "== building the browser client (wasm32, profile web)"
cargo build --locked --profile web --target wasm32-unknown-unknown --bin threshold

out="web/dist"
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$out" --out-name threshold \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/web/threshold.wasm"
cp web/index.html "$out/"
for f in "$out"/*.wasm "$out"/*.js "$out"/*.html; do
  gzip -9 -k -n "$f"
done

raw=$(stat -c %s "$out/threshold_bg.wasm")
gz=$(stat -c %s "$out/threshold_bg.wasm.gz")
echo "== web/dist: threshold_bg.wasm $((raw / 1024)) KiB raw, $((gz / 1024)) KiB gzip"
