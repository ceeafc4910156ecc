#!/usr/bin/env bash
# Evaluates a pocket model; for the shipped folder it also rewrites the numbers block of its
# MODEL_CARD.md and training/reference/eval_results.json.
#   npm run eval:model   [-- --model DIR] [-- --n 500] (other options: training/eval.py --help)
# Another folder (a training candidate) is evaluated into --out (default training/.cache/eval) only.
# Generation runs on the library's own runtime in Node (training/eval_generate.ts); judging runs the
# committed judge (training/judge/judge.npz for v1, judge_v2.npz for v2, trained only on renderer
# images) in PyTorch on the CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
CARD=--card
prev=""
for arg in "$@"; do
  if [ "$prev" = "--model" ] && [ "$(realpath "$arg")" != "$(realpath assets/models/pocket)" ]; then CARD=""; fi
  prev=$arg
done
exec $PY training/eval.py $CARD "$@"
