#!/usr/bin/env bash
# Installs the test dependencies, then builds and runs every test; exits with Maven's exit code.
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

"$root/scripts/install-test-deps.sh" || echo "test.sh: test dependencies incomplete; tests needing them will be skipped" >&2

# Not -q: keep Surefire's "Tests run: ..." summaries in the output.
mvn -B verify "$@"
exit $?
