#!/usr/bin/env bash
# Issue 15: which attribution map segments the hard preset's MS-like lesions best, on the models this experiment
# trained (run it first: run.sh --seeds 42,1,2 [--option tune=tune-space.yaml]).
#   bash experiments/attribution-constraint/compare-maps.sh [MODELS] [SEEDS] [LIMIT]
# For every model and seed: xai4j segment with every method and the intensity baseline, the threshold chosen on the
# validation images for the best mean Dice, on the first LIMIT pathological test images; then the table
# (out/maps/table.md): mean +- sd over the seeds of mean Dice and pixel AUROC per model and method.
# Finished segmentations are reused, so an interrupted comparison resumes.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODELS=${1:-unconstrained,tuned}; SEEDS=${2:-42,1,2}; LIMIT=${3:-100}
METHODS=grad,ixg,eg,gradcam,iba,inverse-iba,multilayer-iba,lrp,lrp-epsilon-plus-flat,lrp-alpha2-beta1,pathwaygrad
HERE=experiments/attribution-constraint; OUT=$HERE/out/maps; mkdir -p "$OUT"
[ -f target/xai4j.jar ] || mvn -B -q -DskipTests package
for model in ${MODELS//,/ }; do
  for seed in ${SEEDS//,/ }; do
    run=$HERE/out/runs/$model-s$seed; dest=$OUT/$model-s$seed
    [ -f "$run/best.ckpt" ] || { echo "missing $run: train it with run.sh first" >&2; exit 2; }
    [ -f "$dest/summary.csv" ] && continue
    echo "segmenting $model seed $seed" >&2
    java -Xmx3g -Dorg.bytedeco.javacpp.maxbytes=4g -jar target/xai4j.jar segment --run "$run" --methods "$METHODS" \
      --baseline intensity --threshold best-dice --limit "$LIMIT" --samples 16 --out "$dest" > "$dest.log" 2>&1 \
      || { echo "segment failed, see $dest.log" >&2; exit 1; }
  done
done
python3 - "$OUT" "$MODELS" "$SEEDS" <<'PY'
import csv, statistics as st, sys, os
out, models, seeds = sys.argv[1], sys.argv[2].split(','), sys.argv[3].split(',')
def ms(v):
    return f"{st.mean(v):.3f} +- {st.stdev(v):.3f}" if len(v) > 1 else f"{v[0]:.3f}"
rows, order = {}, []
for m in models:
    for s in seeds:
        for r in csv.DictReader(open(os.path.join(out, f"{m}-s{s}", "summary.csv"))):
            key = (m, r['method'])
            if r['method'] not in order:
                order.append(r['method'])
            rows.setdefault(key, []).append((float(r['mean_dice']), float(r['pixel_auroc']),
                                             float(r['pixel_auroc_processed'])))
lines = ["| model | method | seeds | mean Dice | pixel AUROC (raw) | pixel AUROC (processed) |",
         "|---|---|---:|---:|---:|---:|"]
for m in models:
    for method in sorted(order, key=lambda k: -st.mean(d for d, _, _ in rows.get((m, k), [(0, 0, 0)]))):
        v = rows.get((m, method))
        if v:
            lines.append(f"| {m} | {method} | {len(v)} | " + " | ".join(ms([x[i] for x in v]) for i in range(3)) + " |")
text = "\n".join(lines) + "\n"
open(os.path.join(out, "table.md"), "w").write(text)
print(text)
PY
