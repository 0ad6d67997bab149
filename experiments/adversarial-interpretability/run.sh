#!/usr/bin/env bash
# The one command of this experiment (run from the repository root):
#   bash experiments/adversarial-interpretability/run.sh [--reuse | --quick]
# Builds the jar when missing, then runs `xai4j experiment adversarial-interpretability` with bounded memory (ND4J
# keeps arrays off the Java heap; JavaCPP's default limit follows the heap size).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f target/xai4j.jar ] || mvn -B -q -DskipTests package
exec java -Xmx1g -Dorg.bytedeco.javacpp.maxbytes=2g -Dorg.bytedeco.javacpp.maxphysicalbytes=4g \
    -jar target/xai4j.jar experiment adversarial-interpretability "$@"
