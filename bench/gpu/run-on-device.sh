#!/bin/bash
# Runs the PyTorch baseline (bench_torch.py) and then our Node.js WebGPU benchmark (bench.mjs, bench/node.ts
# bundled) on the GPU machine. That machine has no Node.js, no internet and may lack the Vulkan loader;
# everything comes in two folders beside each other that bench/gpu/kit.sh builds (bench/gpu/README.md):
#   .gl/       Debian debs of the Vulkan/GL loaders, unpacked into / here (so: run as root)
#   .gpukit/   node.xz (xz -9 of a Node.js binary), bench.mjs (built with esbuild, `webgpu` left external),
#              node_modules/webgpu/ (index.js, package.json, dist/linux-x64/dawn.node), the MNIST files,
#              and this script and bench_torch.py, copied from bench/gpu/.
# Every line goes to $OUT/log.txt, the JSON lines also to $OUT/results.jsonl (OUT defaults to /tmp).
# Usage on the GPU machine:  bash .gpukit/run-on-device.sh [args for bench.mjs]
set -u
cd "$(dirname "$0")/.." || exit 1
KIT=.gpukit
LOG=${OUT:-/tmp}/log.txt
exec > >(tee -a "$LOG") 2>&1
for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig
NV_ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
NV_EGL=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
[ -f "$NV_ICD" ] && export VK_DRIVER_FILES=$NV_ICD VK_ICD_FILENAMES=$NV_ICD
[ -f "$NV_EGL" ] && export __EGL_VENDOR_LIBRARY_FILENAMES=$NV_EGL
export LD_LIBRARY_PATH=/usr/local/nvidia/lib64:/usr/local/nvidia/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
nvidia-smi -L
xz -dc "$KIT/node.xz" > /tmp/node 2>/dev/null ||
  python3 -c "import lzma,shutil,sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open('/tmp/node','wb'), 1<<20)" "$KIT/node.xz"
chmod +x /tmp/node
if [ -f "$KIT/bench_torch.py" ]; then timeout 200 python3 "$KIT/bench_torch.py"; echo "torch rc=$?"; fi
timeout 300 /tmp/node "$KIT/bench.mjs" "$@"; echo "node bench rc=$?"
grep -h '^{' "$LOG" > "${OUT:-/tmp}/results.jsonl" 2>/dev/null
exit 0
