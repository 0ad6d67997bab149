#!/usr/bin/env bash
# Issue 12, section 3: the project's constraint against the exact double-backprop reference
# (../shared/reference/wd_constraint.py), same manifest, same network (CIFAR ResNet 16/32/64, one block per
# stage), BCE, Adam 1e-3, batch 32, same epochs, last epoch's model, no augmentation.
#   bash experiments/attribution-constraint/compare-reference.sh MANIFEST_DIR [EPOCHS] [LAMBDAS] [ATTR] [PHI] [SCALE] [SEEDS]
# e.g. MANIFEST_DIR from `java -jar target/xai4j.jar data generate --config C --out DIR`; defaults: 10 epochs,
# lambdas 0,0.1, attr ixg, phi relu, scale 1000, seed 0 (comma lists for lambdas and seeds). Needs Debian's
# python3-torch (not a test or CI dependency). Prints one markdown table row per (side, lambda, seed): test AUC,
# Dice and pixel AUROC of the positive part of the gradient and Input x Gradient maps (the project's
# pixel_auroc_processed), both sides scored with the reference's protocol (brain proxy x > 0.02, max-normalised
# maps, threshold tuned for Dice on val; the project's search is over every map value, the reference's over 19).
# DIFFERENCE=exact (or forward, central) in the environment sets the project's train.constraint.difference (its
# rows and run folders then carry the suffix -exact); unset, the config's default. INIT=pytorch sets the project's
# model.init (PyTorch's default initialisation, as the reference's network has; suffix -init-pytorch); unset, He.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=$(realpath "$1"); EPOCHS=${2:-10}; LAMS=${3:-0,0.1}; ATTR=${4:-ixg}; PHI=${5:-relu}; SCALE=${6:-1000}
SEEDS=${7:-0}
DIFF=${DIFFERENCE:-}; INIT=${INIT:-}; ISUFFIX=${INIT:+-init-$INIT}; SUFFIX=${DIFF:+-$DIFF}$ISUFFIX
OUT=experiments/attribution-constraint/out/compare; mkdir -p "$OUT"
[ -f target/xai4j.jar ] || mvn -B -q -DskipTests package
# run from a copy, so that rebuilding the project meanwhile cannot pull the jar from under a running command
mkdir -p "$OUT/jar" && cp target/xai4j.jar "$OUT/jar/" && ln -sfn "$(realpath target/lib)" "$OUT/jar/lib"
J="java -Xmx2g -Dorg.bytedeco.javacpp.maxbytes=4g -Dorg.bytedeco.javacpp.maxphysicalbytes=6g -jar $OUT/jar/xai4j.jar"
echo "| side | constraint | lambda | seed | test AUC | Dice grad | Dice ixg | pixel AUROC grad | pixel AUROC ixg | time |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for SEED in ${SEEDS//,/ }; do
  ARGS="$DATA --label pathological --epochs $EPOCHS --lams $LAMS --attr $ATTR --phi $PHI --scale $SCALE --seed $SEED"
  REF="$OUT/reference-$ATTR-$PHI$SCALE-l$LAMS-s$SEED.txt"
  # the reference's output is reused when it was made with the same arguments
  if [ "$(head -1 "$REF" 2>/dev/null)" != "# $ARGS" ]; then
    { echo "# $ARGS"; /usr/bin/python3 ../shared/reference/wd_constraint.py $ARGS; } > "$REF.tmp"
    mv "$REF.tmp" "$REF"
  fi
  python3 - "$REF" "$SEED" "$ATTR $PHI($SCALE A)" <<'PY'
import re, sys
for line in open(sys.argv[1]):
    if line.startswith('intensity-threshold baseline'):
        print(f"| reference: {line.strip()} | | | | | | | | | |")
    m = re.match(r'lambda=(\S+) attr=\S+: (.*)', line)
    if m:
        d = {k: float(v) for k, v in (kv.split('=') for kv in m.group(2).split())}
        print(f"| reference | {sys.argv[3] if float(m.group(1)) else 'none'} | {m.group(1)} | {sys.argv[2]} | {d['auc']:.3f} | {d['dice_grad']:.3f} | {d['dice_ixg']:.3f} "
              f"| {d['pauc_grad']:.3f} | {d['pauc_ixg']:.3f} | {d['step_s']:.3f} s/step |")
PY
  for LAM in ${LAMS//,/ }; do
    # the unconstrained run is shared by every constraint setting; a run whose row exists for the same
    # arguments is reused
    if [ "$LAM" = "0" ]; then NAME="project-none-e$EPOCHS-s$SEED$ISUFFIX"; KIND=none
    else NAME="project-$ATTR-$PHI$SCALE-l$LAM-e$EPOCHS-s$SEED$SUFFIX"; KIND="$ATTR $PHI($SCALE A)${DIFF:+, $DIFF}"; fi
    STAMP="# $DATA $NAME"
    if [ "$(head -1 "$OUT/$NAME.row" 2>/dev/null)" = "$STAMP" ]; then tail -n +2 "$OUT/$NAME.row"; continue; fi
    SETS=(--set data.source=csv --set data.manifest.path="$DATA/manifest.csv"
          --set data.manifest.labelColumns=[pathological] --set model.architecture=resnet-cifar
          --set model.widthMultiplier=1.0 --set model.blocks=[1,1,1] --set train.epochs="$EPOCHS"
          --set train.batchSize=32 --set train.optimizer=adam --set train.lr=0.001 --set train.loss=bce
          --set train.ui=false --set seed="$SEED")
    if [ -n "$INIT" ]; then SETS+=(--set model.init="$INIT"); fi
    if [ "$LAM" != "0" ]; then
      SETS+=(--set train.constraint.enabled=true --set train.constraint.attribution="$ATTR"
             --set train.constraint.penalty="$PHI" --set train.constraint.scale="$SCALE"
             --set train.constraint.lambda="$LAM")
      if [ -n "$DIFF" ]; then SETS+=(--set train.constraint.difference="$DIFF"); fi
    fi
    rm -rf "$OUT/$NAME"
    T0=$(date +%s)
    $J train "${SETS[@]}" --checkpoints "$OUT" --name "$NAME" > "$OUT/$NAME.log" 2>&1
    T1=$(date +%s)
    $J evaluate --run "$OUT/$NAME" --checkpoint last > "$OUT/$NAME-eval.log" 2>&1
    # the reference's protocol: brain proxy x > 0.02, Dice of max-normalised maps at the val-tuned threshold,
    # pixel AUROC of the positive part (not normalised) pooled over the proxy
    for NORM in max none; do
      $J segment --run "$OUT/$NAME" --checkpoint last --methods grad,ixg --baseline none --region 'intensity>0.02' \
          --threshold best-dice --normalise $NORM --out "$OUT/$NAME/segment-$NORM" > "$OUT/$NAME-segment.log" 2>&1
    done
    AUC=$(grep -o 'macro AUC [0-9.]*' "$OUT/$NAME-eval.log" | head -1 | awk '{print $3}')
    { echo "$STAMP"; python3 - "$OUT/$NAME" "$LAM" "$SEED" "$AUC" "$(( (T1 - T0) ))" "$KIND" <<'PY'
import csv, sys
def rows(norm):
    return {r['method']: r for r in csv.DictReader(open(f"{sys.argv[1]}/segment-{norm}/summary.csv"))}
dice, auroc = rows('max'), rows('none')
print(f"| project | {sys.argv[6]} | {sys.argv[2]} | {sys.argv[3]} | {float(sys.argv[4]):.3f} | {float(dice['grad']['mean_dice']):.3f} "
      f"| {float(dice['ixg']['mean_dice']):.3f} | {float(auroc['grad']['pixel_auroc_processed']):.3f} "
      f"| {float(auroc['ixg']['pixel_auroc_processed']):.3f} | {sys.argv[5]} s train |")
PY
    } > "$OUT/$NAME.row.tmp"
    mv "$OUT/$NAME.row.tmp" "$OUT/$NAME.row"; tail -n +2 "$OUT/$NAME.row"
  done
done
