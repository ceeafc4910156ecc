#!/usr/bin/env bash
# Ships a pocket v2 candidate as the project's model, in one command:
#   bash training/ship_candidate.sh training/.cache/v2/export-<step> [EVAL_DIR]
# Replaces assets/models/pocket with the candidate's files, writes its model card from
# training/MODEL_CARD.v2.md (with the numbers of EVAL_DIR/results.json when given: the eval.py --out
# folder of that candidate), commits-ready copies of the v2 judge (fp16) and the eval results, and
# prints the folder size.  It changes no test and regenerates nothing else: see the card's
# "Shipping" section for what follows (expected values, recordings, screenshots).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
SRC=${1:?usage: ship_candidate.sh CANDIDATE_DIR [EVAL_DIR]}
EVAL=${2:-}
DEST=assets/models/pocket
WORK=$(dirname "$SRC")/work   # the CPU run keeps its judge beside the candidates
for f in model_index.json text_encoder/model.onnx unet/model.onnx vae_decoder/model.onnx vae_encoder/model.onnx \
         scheduler/scheduler_config.json tokenizer/tokenizer.json tokenizer/tokenizer_config.json \
         tokenizer/word_map.json latent_rgb.json; do
  test -s "$SRC/$f" || { echo "ship_candidate: $SRC/$f is missing" >&2; exit 1; }
done
$PY -c "import json,sys; v=json.load(open(sys.argv[1]))['latent_explorables']; assert v.get('version')==2 and v['image_size']==128, 'not a v2 folder'" \
  "$SRC/model_index.json"
rm -rf "$DEST"
mkdir -p "$DEST"
for d in text_encoder unet vae_decoder vae_encoder scheduler tokenizer; do cp -r "$SRC/$d" "$DEST/"; done
cp "$SRC/model_index.json" "$SRC/latent_rgb.json" "$DEST/"
[ -f "$SRC/sample_grid.png" ] && cp "$SRC/sample_grid.png" "$DEST/"
cp "$SRC/reference_v2.json" training/reference/pocket_reference_v2.json
sed "1s/ (v2, draft)/ (v2)/" training/MODEL_CARD.v2.md > "$DEST/MODEL_CARD.md"
if [ -f "$WORK/judge_v2.npz" ]; then
  $PY -c "import numpy as np,sys; d=np.load(sys.argv[1]); np.savez_compressed(sys.argv[2], **{k:(d[k].astype(np.float16) if d[k].dtype.kind=='f' else d[k]) for k in d.files})" \
    "$WORK/judge_v2.npz" training/judge/judge_v2.npz
fi
if [ -n "$EVAL" ]; then
  cp "$EVAL/results.json" training/reference/eval_results.json
  $PY -c "import json,sys; sys.path.insert(0,'training'); import eval as e; e.write_card_numbers(sys.argv[1], json.load(open(sys.argv[2])))" \
    "$DEST/MODEL_CARD.md" "$EVAL/results.json"
fi
du -sb "$DEST" | awk '{printf "ship_candidate: %s is now %.2f MB\n", $2, $1/1e6}'
