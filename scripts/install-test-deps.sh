#!/usr/bin/env bash
# Installs what the tests need: MIT kinit (krb5-user) and its PKINIT plugin (krb5-pkinit) for the end-to-end
# tests, OpenLDAP's slapd and ldap-utils for the directory tests against a real LDAP server.
# Idempotent and non-interactive; does nothing when all are present.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

pkinit_plugin_present() {
    if command -v dpkg >/dev/null 2>&1 && dpkg -L krb5-pkinit 2>/dev/null | grep -q '/pkinit\.so$'; then
        return 0
    fi
    compgen -G '/usr/lib/*/krb5/plugins/preauth/pkinit.so' >/dev/null \
        || compgen -G '/usr/lib*/krb5/plugins/preauth/pkinit.so' >/dev/null
}

missing=()
if command -v kinit >/dev/null 2>&1; then
    echo "install-test-deps: kinit present ($(command -v kinit))"
else
    missing+=(krb5-user)
fi
if pkinit_plugin_present; then
    echo "install-test-deps: PKINIT plugin present"
else
    missing+=(krb5-pkinit)
fi

# The tests start their own slapd (own port, own temp dir, current user); they need the binaries only.
if [[ -x /usr/sbin/slapd ]] && command -v slapadd >/dev/null 2>&1; then
    echo "install-test-deps: slapd present"
else
    missing+=(slapd)
fi
if command -v ldapsearch >/dev/null 2>&1; then
    echo "install-test-deps: ldapsearch present ($(command -v ldapsearch))"
else
    missing+=(ldap-utils)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-test-deps: nothing to install"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-test-deps: missing ${missing[*]}, and apt-get is not available; install them by hand" >&2
    exit 1
fi

as_root=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        as_root=(sudo -n)
    else
        echo "install-test-deps: missing ${missing[*]}; not root and no sudo" >&2
        exit 1
    fi
fi

if [[ " ${missing[*]} " == *" slapd "* ]] && command -v debconf-set-selections >/dev/null 2>&1; then
    # No default database and no configured instance: the package then has nothing to start.
    echo 'slapd slapd/no_configuration boolean true' | "${as_root[@]}" debconf-set-selections
fi

echo "install-test-deps: installing ${missing[*]}"
# Try without refreshing the package lists first; refresh only when that fails.
if ! "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
    echo "install-test-deps: install failed, running apt-get update and retrying"
    "${as_root[@]}" apt-get update
    "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi
echo "install-test-deps: installed ${missing[*]}"
