#!/usr/bin/env bash
# The one command of this experiment (run from the repository root):
#   bash experiments/attribution-constraint/run.sh [extra options of `xai4j experiment attribution-constraint`]
# Builds the jar when missing, then runs the experiment with bounded memory (ND4J keeps arrays off the Java heap;
# JavaCPP's default limit follows the heap size, which on a shared machine can otherwise grow past 15 GB).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f target/xai4j.jar ] || mvn -B -q -o -DskipTests package
exec java -Xmx1g -Dorg.bytedeco.javacpp.maxbytes=2g -Dorg.bytedeco.javacpp.maxphysicalbytes=4g \
    -jar target/xai4j.jar experiment attribution-constraint "$@"
