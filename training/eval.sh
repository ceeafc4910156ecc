#!/usr/bin/env bash
# Evaluates the shipped pocket model and rewrites the numbers block of its MODEL_CARD.md.
#   npm run eval:model   [-- --model DIR] [-- --n 500] (other options: training/eval.py --help)
# Generation runs the shipped ONNX graphs in onnxruntime-node; judging runs the committed judge
# (training/judge/judge.npz, trained only on renderer images) in PyTorch on the CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
exec $PY training/eval.py --card "$@"
