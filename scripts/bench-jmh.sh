#!/usr/bin/env bash
# The KDC's JMH benchmarks (README.md, "Speed"): CryptoFloorBenchmark (each crypto operation of one PKINIT
# AS-REQ) and AsReqProcessorBenchmark (the whole AS-REQ pipeline from a lab kdc.conf, without the network).
# Usage: scripts/bench-jmh.sh [BENCHMARK-REGEX] [JMH options], e.g. scripts/bench-jmh.sh AsReqProcessor -p kx=p256;
# JMH_RUN replaces the short run options below (JMH refuses an option given twice).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
filter="${1:-Benchmark}"
shift || true
mvn -o -q -pl kdc-server -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
classpath="kdc-server/target/test-classes:kdc-server/target/classes:$(cat kdc-server/target/bench.classpath)"
exec java -Xmx1g -cp "$classpath" org.openjdk.jmh.Main "$filter" ${JMH_RUN:--f 1 -wi 6 -i 4 -w 4s -r 4s} \
    -jvmArgsPrepend -Dlogback.configurationFile=kdc-server/target/test-classes/logback-bench.xml "$@"
