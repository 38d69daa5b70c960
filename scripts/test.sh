#!/usr/bin/env bash
# Installs the test dependencies, then builds and runs every test as CI does; lists the skipped tests with their
# reasons at the end. Exits with Maven's exit code, or 1 when Maven passed but a test was skipped.
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

if ! "$root/scripts/install-test-deps.sh"; then
    echo "test.sh: could not install the test dependencies (MIT krb5-user, krb5-pkinit, OpenLDAP slapd, ldap-utils, softhsm2, opensc, Heimdal's libraries and its unpacked heimdal-clients); the tests need them" >&2
    exit 1
fi

# A CI run (-Dpkinit.ci=true): a test whose prerequisite is missing (a tool installed above, a native library, a
# vector missing from ../shared/testdata) fails instead of being skipped (Prerequisites in the pkinit test jar).
# The one explained skip: the vectors the project may not carry when no ../shared is beside the checkout at all.
# The native crypto provider (ACCP; the build carries its native library for linux-x86_64 only) must load exactly
# where it is expected: PKINIT_EXPECT_NATIVE_CRYPTO=true|false, else true on Linux x86_64.
expect_native="${PKINIT_EXPECT_NATIVE_CRYPTO:-}"
if [[ -z $expect_native ]]; then
    if [[ $(uname -s) == Linux && $(uname -m) == x86_64 ]]; then expect_native=true; else expect_native=false; fi
fi
echo "test.sh: CI run (-Dpkinit.ci=true), native crypto provider expected: $expect_native"

# Reports older than this marker are not this run's.
marker="$(mktemp)"
trap 'rm -f "$marker"' EXIT

# Not -q: keep Surefire's "Tests run: ..." summaries in the output.
mvn -B verify -Dpkinit.ci=true -Dpkinit.expect.nativeCrypto="$expect_native" "$@"
status=$?

# Every skipped test with its reason, last, so a skip is never silent; in CI any skip fails the run but the
# explained ones: the licence-restricted capture vectors when no ../shared/testdata is beside the checkout.
if ! "${JAVA_HOME:+$JAVA_HOME/bin/}java" "$root/scripts/lib/SkippedTests.java" "$root" "$marker"; then
    echo "test.sh: tests were skipped without an explanation (above); a CI run allows none" >&2
    if [[ $status -eq 0 ]]; then
        status=1
    fi
fi
exit $status
