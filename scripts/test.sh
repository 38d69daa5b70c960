#!/usr/bin/env bash
# Installs the test dependencies, then builds and runs every test; exits with Maven's exit code.
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"

if ! "$root/scripts/install-test-deps.sh"; then
    echo "test.sh: could not install the test dependencies (MIT krb5-user, krb5-pkinit, OpenLDAP slapd, ldap-utils, softhsm2, opensc, Heimdal's libraries and its unpacked heimdal-clients); the tests need them" >&2
    exit 1
fi

# Not -q: keep Surefire's "Tests run: ..." summaries in the output.
mvn -B verify "$@"
exit $?
