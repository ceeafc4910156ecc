#!/usr/bin/env bash
# Pocket v2 on a CPU, in the background: starts the run, or resumes it where its checkpoints stand.
#   bash training/cpu_run.sh [--unet-budget S] [--tag NAME]       (log: training/.cache/v2/run.log)
# Stages: data (16k train scenes + their v1 latents, 24k judge scenes) -> in parallel
#   (a) UNet + text encoder fine-tune from v1 on a time budget (its learning-rate schedule runs on the
#       clock, so it ends on time however busy the machine is), exporting a candidate model folder to
#       training/.cache/v2/export-<step> every EXPORT_EVERY seconds and at the end;
#   (b) v2 VAE decoder (~20 min) then the judge on 128x128 renders (~12 min).
# Everything runs under `nice -n 19` on Debian's /usr/bin/python3 with torch on ONE thread per process
# and OMP_WAIT_POLICY=PASSIVE: on a shared, oversubscribed machine a 2-thread torch spins in OpenMP
# barriers waiting for its descheduled partner (measured: the UNet stage ran at 0.04 it/s on 2 threads,
# 0.7 it/s on 1).  Checkpoints: training/.cache/v2/work (gitignored); re-running resumes.
# After (b) finishes, export the newest weights again so the candidate has the trained decoder:
#   /usr/bin/python3 training/export_v2.py --dest training/.cache/v2/export-final
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
ROOT=training/.cache/v2
WORK=$ROOT/work
UNET_BUDGET=3600
EXPORT_EVERY=900
while [ $# -gt 0 ]; do
  case "$1" in
    --unet-budget) UNET_BUDGET=$2; shift ;;
    --export-every) EXPORT_EVERY=$2; shift ;;
    *) echo "cpu_run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$WORK"
[ -f training/.cache/glove.f32 ] || node training/glove_export.mjs training/.cache/glove 40000
LOG=$ROOT/run.log
T="$PY training/train_v2.py"
export OMP_WAIT_POLICY=PASSIVE
nohup nice -n 19 bash -c "
  set -e
  $T data --work $WORK --n-train 16000 --n-judge 24000 --procs 2 --threads 1
  ( $T decoder --work $WORK --budget 1200 --batch 8 --lr 5e-4 --threads 1 &&
    $T judge --work $WORK --budget 720 --batch 32 --lr 2e-3 --threads 1 ) > $ROOT/decoder_judge.log 2>&1 &
  $T unet --work $WORK --budget $UNET_BUDGET --batch 8 --lr 2e-4 --t-min 150 --threads 1 \
     --export-every $EXPORT_EVERY --export-root $ROOT
  wait
  echo 'cpu_run: all stages done'
" >> "$LOG" 2>&1 &
echo $! > $ROOT/run.pid
echo "cpu_run: started (pid $(cat $ROOT/run.pid)); log $LOG; checkpoints $WORK"
