#!/usr/bin/env bash
# The one GPU run used to train the shipped weights (see MODEL_CARD.md).  Runs on the lent H200
# machine through the session's device tool:   bash training/device_run.sh   (OUT must be set).
# Trains the generator (VAE, then text encoder + UNet) and, in parallel, the judge, each under a
# wall-clock budget; final and periodic weights land in $OUT.
set -u
export PYTHONUNBUFFERED=1
OUT=${OUT:?set OUT}
W=/tmp/work
mkdir -p $W $OUT
nvidia-smi --query-gpu=name,memory.used --format=csv,noheader || true
VAE_BUDGET=${VAE_BUDGET:-95}
UNET_BUDGET=${UNET_BUDGET:-330}
JUDGE_BUDGET=${JUDGE_BUDGET:-150}
python3 training/train.py judge --device cuda --work $W/j --out $OUT --procs 6 --cache-data 0 \
  --n-judge 120000 --judge-budget $JUDGE_BUDGET --judge-batch 512 --save-every 45 > $W/judge.out 2>&1 &
JP=$!
python3 training/train.py gen --device cuda --work $W/g --out $OUT --procs 10 --cache-data 0 \
  --n-train 200000 --vae-budget $VAE_BUDGET --vae-batch 256 --unet-budget $UNET_BUDGET \
  --unet-batch 512 --save-every 45 2>&1 | grep -v Warning
wait $JP
tail -3 $W/judge.out
python3 training/device_preview.py --work $OUT --png $OUT/preview.png 2>&1 | tail -3
ls -la $OUT
