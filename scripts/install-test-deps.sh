#!/usr/bin/env bash
# Installs what the tests need: MIT kinit (krb5-user) and its PKINIT plugin (krb5-pkinit) for the end-to-end
# tests, MIT's krb5kdc and kadmin.local (krb5-kdc, krb5-admin-server) for the interoperability tests against
# it, OpenLDAP's slapd and ldap-utils for the directory tests against a real LDAP server, SoftHSM2 and
# OpenSC's pkcs11-tool for a simulated smart card (PKCS#11), impacket (python3-impacket, for /usr/bin/python3) as an
# independent MS-PAC decoder, and Heimdal's kinit.
# Heimdal's heimdal-clients conflicts with MIT's krb5-user, so it is not installed: its libraries are (they do not
# conflict), and the package itself is fetched with `apt-get download` and unpacked with `dpkg-deb -x` into a
# private folder, $PKINIT_KDC_HEIMDAL (default ~/.cache/pkinit-kdc/heimdal), where the it-tests look for it.
# Idempotent and non-interactive; does nothing when all are present.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

heimdal_dir="${PKINIT_KDC_HEIMDAL:-$HOME/.cache/pkinit-kdc/heimdal}"
heimdal_kinit="$heimdal_dir/usr/bin/kinit.heimdal"

# The unpacked kinit runs only when the Heimdal libraries are installed.
heimdal_kinit_runs() {
    [[ -x $heimdal_kinit ]] && "$heimdal_kinit" --version >/dev/null 2>&1
}

# The libraries heimdal-clients depends on that are not installed yet.
missing_heimdal_libraries() {
    apt-cache depends heimdal-clients 2>/dev/null | awk '$1 == "Depends:" && $2 ~ /^lib/ { print $2 }' |
        while read -r lib; do
            dpkg-query -W -f='${Status}' "$lib" 2>/dev/null | grep -q 'install ok installed' || echo "$lib"
        done
}

unpack_heimdal_clients() {
    local cache
    cache="$(dirname "$heimdal_dir")/debs"
    mkdir -p "$cache"
    if ! compgen -G "$cache/heimdal-clients_*.deb" >/dev/null; then
        echo "install-test-deps: downloading heimdal-clients into $cache"
        # A temporary folder the _apt user can write to, so apt does not warn about an unsandboxed download.
        local tmp
        tmp="$(mktemp -d)"
        chmod 777 "$tmp"
        (cd "$tmp" && apt-get download heimdal-clients)
        mv "$tmp"/heimdal-clients_*.deb "$cache/"
        rm -rf "$tmp"
    fi
    local deb
    deb="$(ls -1 "$cache"/heimdal-clients_*.deb | tail -n 1)"
    mkdir -p "$heimdal_dir"
    dpkg-deb -x "$deb" "$heimdal_dir"
    echo "install-test-deps: unpacked $(basename "$deb") into $heimdal_dir"
}

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

# MIT's KDC, for the interoperability tests against krb5kdc (own database, own port, own temp dir).
if [[ -x /usr/sbin/krb5kdc ]] && [[ -x /usr/sbin/kdb5_util ]]; then
    echo "install-test-deps: krb5kdc present"
else
    missing+=(krb5-kdc)
fi
if [[ -x /usr/sbin/kadmin.local ]]; then
    echo "install-test-deps: kadmin.local present"
else
    missing+=(krb5-admin-server)
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

# An independent OCSP responder for the revocation tests: `openssl ocsp` (/usr/bin/openssl).
if [ -x /usr/bin/openssl ]; then
    echo "install-test-deps: openssl present"
else
    missing+=(openssl)
fi

# A simulated smart card: SoftHSM2's PKCS#11 module and softhsm2-util, and OpenSC's pkcs11-tool to load it.
if command -v softhsm2-util >/dev/null 2>&1 && compgen -G '/usr/lib/softhsm/libsofthsm2.so' >/dev/null; then
    echo "install-test-deps: softhsm2 present"
else
    missing+=(softhsm2)
fi
if command -v pkcs11-tool >/dev/null 2>&1; then
    echo "install-test-deps: pkcs11-tool present ($(command -v pkcs11-tool))"
else
    missing+=(opensc)
fi

# An independent MS-PAC decoder for the PAC tests: impacket, for Debian's /usr/bin/python3.
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import impacket.krb5.pac' >/dev/null 2>&1; then
    echo "install-test-deps: impacket present"
else
    missing+=(python3-impacket)
fi

if heimdal_kinit_runs; then
    echo "install-test-deps: Heimdal kinit present ($heimdal_kinit)"
    heimdal_ready=true
else
    heimdal_ready=false
    heimdal_libraries="$(missing_heimdal_libraries)"
    if [[ -z $heimdal_libraries ]] && ! apt-cache show heimdal-clients >/dev/null 2>&1; then
        echo "install-test-deps: apt does not know heimdal-clients yet; the package lists need a refresh"
        refresh_lists_first=true
    fi
    # shellcheck disable=SC2206
    missing+=($heimdal_libraries)
fi

ensure_heimdal() {
    if [[ $heimdal_ready == false ]]; then
        unpack_heimdal_clients
        if ! heimdal_kinit_runs; then
            echo "install-test-deps: $heimdal_kinit does not run; its libraries may be missing:" >&2
            ldd "$heimdal_kinit" | grep 'not found' >&2 || true
            exit 1
        fi
    fi
}

if [[ ${#missing[@]} -eq 0 && ${refresh_lists_first:-false} == false ]]; then
    ensure_heimdal
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

if [[ ${refresh_lists_first:-false} == true ]]; then
    "${as_root[@]}" apt-get update
    # shellcheck disable=SC2207
    missing+=($(missing_heimdal_libraries))
fi

if [[ ${#missing[@]} -gt 0 ]]; then
    echo "install-test-deps: installing ${missing[*]}"
    # Try without refreshing the package lists first; refresh only when that fails.
    if ! "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
        echo "install-test-deps: install failed, running apt-get update and retrying"
        "${as_root[@]}" apt-get update
        "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
    fi
    echo "install-test-deps: installed ${missing[*]}"
fi
ensure_heimdal
