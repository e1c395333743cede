#!/bin/bash
# Builds the GPU-machine kit: everything `bash .gpukit/run-on-device.sh` needs on a machine that has an
# NVIDIA GPU, Python + PyTorch, but no Node.js, no internet and no Vulkan loader (bench/gpu/README.md).
#
#   bash bench/gpu/kit.sh            # build .gl/ and .gpukit/, smoke-test the bundle, say how to run it
#   bash bench/gpu/kit.sh --no-check # skip the local smoke test (wasm, tiny net, 2 steps)
#
# Both folders are ignored by git (.gitignore); they go to the GPU machine as they are. The kit must stay under
# 64 MiB (the most the transfer to our GPU machine takes): if it is bigger this script drops the data, then fails.
# Contents:
#   .gl/       Debian debs of the Vulkan and GL loaders (unpacked on the GPU machine by run-on-device.sh)
#   .gpukit/   node.xz (this machine's node binary, xz -9), bench.mjs (bench/node.ts bundled with
#              esbuild; `webgpu` left external), node_modules/webgpu/ (index.js, package.json,
#              dist/linux-x64/dawn.node), the tfjs-backend-wasm .wasm files (for --backend=wasm),
#              data/ (MNIST, gzipped IDX, from public/data/), bench_torch.py and run-on-device.sh
#              (from bench/gpu/).
# Environment: NODE_BIN=node binary to ship (default: the `node` on PATH).
set -euo pipefail
cd "$(dirname "$0")/../.."
KIT=.gpukit
LIMIT=$((64 * 1024 * 1024))
CHECK=1
for a in "$@"; do
  case "$a" in
    --no-check) CHECK=0 ;;
    *) echo "unknown argument $a" >&2; exit 2 ;;
  esac
done
say() { printf '\n== %s\n' "$*"; }

say "the kit folders are ignored by git"
{ git check-ignore -q .gl/x && git check-ignore -q .gpukit/x; } || { echo "ERROR: .gl/ or .gpukit/ is not ignored by git (.gitignore)" >&2; exit 1; }

say ".gl: Vulkan/GL loader debs (amd64)"
DEBS=(libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
mkdir -p .gl
missing=()
for d in "${DEBS[@]}"; do compgen -G ".gl/${d}_*.deb" > /dev/null || missing+=("$d"); done
if [ ${#missing[@]} -gt 0 ]; then
  mkdir -p /tmp/amd64/partial
  o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64)
  apt-get "${o[@]}" update -qq
  (cd .gl && apt-get "${o[@]}" download "${missing[@]}")
fi
ls -l .gl

say ".gpukit: node, webgpu (Dawn), bench bundle, data, runners"
mkdir -p "$KIT"
NODE_BIN=${NODE_BIN:-$(readlink -f "$(command -v node)")}
file -L "$NODE_BIN" 2>/dev/null | grep -q 'x86-64' || echo "warning: $NODE_BIN may not be an x86-64 binary" >&2
# xz -9 of node takes a while: reuse the previous one when the binary has not changed.
NODE_STAMP="$(sha256sum "$NODE_BIN" | cut -c1-64)"
if [ ! -s "$KIT/node.xz" ] || [ "$(cat "$KIT/node.xz.sha256" 2>/dev/null)" != "$NODE_STAMP" ]; then
  xz -9 -T2 < "$NODE_BIN" > "$KIT/node.xz.tmp" && mv "$KIT/node.xz.tmp" "$KIT/node.xz"
  echo "$NODE_STAMP" > "$KIT/node.xz.sha256"
fi
echo "node $("$NODE_BIN" --version) from $NODE_BIN"

WG=node_modules/webgpu
[ -f "$WG/dist/linux-x64/dawn.node" ] || { echo "ERROR: $WG/dist/linux-x64/dawn.node missing: npm install" >&2; exit 1; }
rm -rf "$KIT/node_modules"
mkdir -p "$KIT/node_modules/webgpu/dist/linux-x64"
cp "$WG/index.js" "$WG/package.json" "$KIT/node_modules/webgpu/"
cp "$WG/dist/linux-x64/dawn.node" "$KIT/node_modules/webgpu/dist/linux-x64/"
[ -f "$WG/LICENSE.md" ] && cp "$WG/LICENSE.md" "$KIT/node_modules/webgpu/"
echo "webgpu $(node -p "require('./$WG/package.json').version")"

# tfjs's CommonJS parts call require() and read __dirname (the wasm backend finds its .wasm files there).
# eslint-disable: a bundle is not our source (eslint.config.js ignores .gpukit too).
BANNER="/* eslint-disable */
import { createRequire as __gpukitCreateRequire } from 'node:module';
import { fileURLToPath as __gpukitFileURLToPath } from 'node:url';
import { dirname as __gpukitDirname } from 'node:path';
const require = __gpukitCreateRequire(import.meta.url);
const __filename = __gpukitFileURLToPath(import.meta.url);
const __dirname = __gpukitDirname(__filename);"
npx esbuild bench/node.ts --bundle --platform=node --format=esm --target=node20 \
  --external:webgpu --minify-whitespace --legal-comments=none --log-level=warning \
  "--banner:js=$BANNER" --outfile="$KIT/bench.mjs"
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm "$KIT/"

rm -rf "$KIT/data"
mkdir -p "$KIT/data"
DATA=(mnist-train-images.idx.gz mnist-train-labels.idx.gz mnist-test-images.idx.gz mnist-test-labels.idx.gz)
for f in "${DATA[@]}"; do
  [ -f "public/data/$f" ] || npm run data
  cp "public/data/$f" "$KIT/data/"
done

cp bench/gpu/bench_torch.py bench/gpu/run-on-device.sh "$KIT/"

say "size (at most 64 MiB)"
size() { du -cb "$@" | tail -1 | cut -f1; }
TOTAL=$(size .gl "$KIT")
if [ "$TOTAL" -ge "$LIMIT" ]; then
  echo "kit is $TOTAL bytes, over $LIMIT: dropping data/ (the bench then trains on synthetic data)" >&2
  rm -rf "$KIT/data"
  TOTAL=$(size .gl "$KIT")
fi
du -sh .gl "$KIT"/* | sort -h
printf 'total %d bytes = %.1f MiB of 64 MiB\n' "$TOTAL" "$(echo "$TOTAL / 1048576" | bc -l)"
[ "$TOTAL" -lt "$LIMIT" ] || { echo "ERROR: kit still over 64 MiB" >&2; exit 1; }

if [ "$CHECK" = 1 ]; then
  say "smoke test here: the bundle with the kit's files (wasm backend, tiny net, 2 steps)"
  node "$KIT/bench.mjs" --backend=wasm --batches=8 --steps=2 --warmup=1 --model=tiny | grep '^{' |
    tee /tmp/gpukit-smoke.jsonl
  grep -q '"img_per_s"' /tmp/gpukit-smoke.jsonl || { echo "ERROR: the bundle did not measure" >&2; exit 1; }
fi

say "on the GPU machine"
cat <<'EOF'
Put .gl/ and .gpukit/ side by side (e.g. in a checkout) and, as root:
  bash .gpukit/run-on-device.sh            # PyTorch (bench_torch.py), then our bench: tfjs-webgpu-ours,
                                           # real MNIST, batches 64,256,1024, 5 warm-up + 20 timed steps each
  bash .gpukit/run-on-device.sh --profile  # flags after the script go to bench.mjs (npm run bench:node -- --help)
Every JSON line ends in $OUT/results.jsonl, the whole log in $OUT/log.txt (OUT defaults to /tmp).
EOF
