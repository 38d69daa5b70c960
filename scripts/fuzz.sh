#!/usr/bin/env bash
# Coverage-guided fuzzing of the decoders an unauthenticated client reaches (issue 16), with Jazzer:
# kdc-server's DecoderFuzzTest#asReq (the AS-REQ decode stage) and #paPkAsReq (PA-PK-AS-REQ, CMS SignedData,
# AuthPack). In `mvn test` the same @FuzzTest methods only replay their inputs; here JAZZER_FUZZ=1 fuzzes each
# target for DURATION (Jazzer's max_duration, passed to libFuzzer as -max_total_time).
#
#   scripts/fuzz.sh [DURATION] [TARGET...]      e.g. scripts/fuzz.sh 10m   or   scripts/fuzz.sh 2m asReq
#
# The corpus grows in kdc-server/.cifuzz-corpus/ (not committed); an input that makes a target throw anything but
# a KdcFailure is saved as crash-* under kdc-server/src/test/resources/dev/pkinitkdc/kdc/stage/decode/DecoderFuzzTestInputs/
# TARGET/, where every later `mvn test` replays it: fix the bug, commit the input. Exit status: non-zero on a finding.
# Not in CI; run it on an idle machine (it keeps one core busy).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10m}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(asReq paPkAsReq)
# coverage of the project's classes and of the parsers they hand bytes to (Jazzer's `instrument` option)
export JAZZER_INSTRUMENT="${JAZZER_INSTRUMENT:-dev.pkinitkdc.**,org.bouncycastle.asn1.**,org.bouncycastle.cms.**,org.apache.kerby.**}"
failed=0
mkdir -p kdc-server/target
for target in "${targets[@]}"; do
    log=kdc-server/target/fuzz-$target.log
    echo "== fuzzing DecoderFuzzTest#$target for $duration (log: $log)"
    # -am: the modules of this checkout, not the snapshots in ~/.m2; no test time bounds (the parent pom's per
    # method and per class bounds would cut a long fuzzing run; Jazzer's max_duration bounds it)
    if JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" mvn -o -pl kdc-server -am test \
        -Djunit.jupiter.execution.timeout.mode=disabled -Dpkinit.test.classTimeoutSeconds=0 \
        -Dtest="DecoderFuzzTest#$target" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
        result="no finding"
    else
        result="FINDING (or build failure): see $log"
        failed=1
    fi
    grep -E '^#[0-9]+.*(DONE|pulse)|Done [0-9]+ runs|== Java Exception|crash-' "$log" | tail -n 4 || true
    echo "== $target: $result"
done
exit $failed
