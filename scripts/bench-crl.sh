#!/usr/bin/env bash
# The CRL index benchmark (revocation/README.md, "CRL index benchmark"): loading, verifying and indexing a
# 1,000,000-entry CRL, its retained memory, and cached lookups. Extra arguments go to JMH, e.g. -p entries=100000.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -o -q -pl revocation -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
classpath="revocation/target/test-classes:revocation/target/classes:$(cat revocation/target/bench.classpath)"
exec java -Xmx4g -Dbench.dir=revocation/target/bench -cp "$classpath" org.openjdk.jmh.Main CrlIndexBenchmark \
    -f 1 -wi 2 -i 3 -w 1s -r 1s "$@"
