#!/usr/bin/env bash
# Benchmarks PKINIT AS-REQ throughput, KDC CPU per request and latency of our KDC against MIT krb5kdc, on this
# machine, with the same PKI, account, certificate, key exchange and load, and prints the ratios.
#
#   scripts/bench-vs-mit.sh [--dir DIR] [--concurrency N] [--duration 30s] [--warmup 60s] [--kx dh2048] [--udp]
#
# - installs krb5-kdc, krb5-admin-server (kadmin.local) and krb5-pkinit (apt, idempotent);
# - makes (or reuses) a lab in DIR (default ./bench-lab) with `bin/pkinit-kdc lab`;
# - sets up an MIT KDC for the same realm in DIR/mit (KRB5_CONFIG, KRB5_KDC_PROFILE; database with a random
#   master password; bob with -randkey +requires_preauth; pkinit_identity = the lab KDC certificate and key,
#   pkinit_anchors = lab root, pkinit_pool = lab issuing CA, no CRL checking) on a free port, run with
#   `krb5kdc -n -w CORES`;
# - runs our KDC from DIR/kdc-bench.conf: the lab's kdc.conf with [revocation] mode = off and no OCSP stapling,
#   because MIT checks no revocation here (pkinit_require_crl_checking = false, no CRLs): like for like. Path
#   validation, NTAuth and the directory lookup stay on, as MIT keeps its own path validation and database lookup;
# - runs `bin/pkinit-kdc bench` (closed loop, --kdc-pid) against each, then an open-loop run at half our measured
#   rate against each for the latency target, and prints a table with the ratios (ours / MIT).
# Needs `mvn -q -DskipTests package` first. Both KDCs log each request (our audit line, MIT's kdc.log).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
dir="$root/bench-lab"
concurrency=8
duration=30s
warmup=60s   # our JIT (C2) still compiles hot paths 40-70 s into a load (PrintCompilation); a KDC daemon runs for weeks
kx=dh2048
transport=--tcp
while [[ $# -gt 0 ]]; do
    case "$1" in
        --dir) dir="$2"; shift 2 ;;
        --concurrency) concurrency="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --kx) kx="$2"; shift 2 ;;
        --udp) transport=--udp; shift ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-vs-mit: unknown option $1" >&2; exit 2 ;;
    esac
done
realm=LAB.EXAMPLE
user=bob
cores="$(nproc)"
launcher="$root/bin/pkinit-kdc"
pids=()

cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    done
}
trap cleanup EXIT

install_mit() {
    local missing=()
    command -v krb5kdc >/dev/null || missing+=(krb5-kdc)
    command -v kadmin.local >/dev/null || missing+=(krb5-admin-server)
    [[ -e /usr/lib/x86_64-linux-gnu/krb5/plugins/preauth/pkinit.so ]] || compgen -G \
        "/usr/lib/*/krb5/plugins/preauth/pkinit.so" >/dev/null || missing+=(krb5-pkinit)
    if [[ ${#missing[@]} -gt 0 ]]; then
        echo "bench-vs-mit: installing ${missing[*]}"
        local sudo=""
        [[ $(id -u) -eq 0 ]] || sudo=sudo
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# shellcheck source=lib/ports.sh
source "$root/scripts/lib/ports.sh"

# The lab PKI and accounts: `pkinit-kdc lab` creates them, serves until stopped; a present lab is reused.
make_lab() {
    if [[ ! -f "$dir/kdc.conf" ]]; then
        local port
        port="$(free_port)"
        "$launcher" lab --dir "$dir" --port "$port" --revocation-port "$(free_port)" >"$dir.log" 2>&1 &
        local pid=$!
        wait_for_port "$port" "lab KDC"
        kill "$pid"
        wait "$pid" 2>/dev/null || true
    fi
}

start_ours() {
    local port="$1"
    # the bench is one source: its whole concurrency may be in flight (the per-source caps are for floods)
    sed -e "s/^listen = udp:.*/listen = udp:127.0.0.1:$port, tcp:127.0.0.1:$port\nmax_pending_requests_per_source = 1024\nmax_tcp_connections_per_source = 1024/" \
        -e 's/^mode = .*/mode = off/' -e 's/^ocsp_staple = .*/ocsp_staple = off/' \
        -e 's/^listen = \([0-9.]*\):[0-9]*$/listen = \1:0/' \
        "$dir/kdc.conf" >"$dir/kdc-bench.conf"
    "$launcher" run --config "$dir/kdc-bench.conf" >"$dir/ours.log" 2>&1 &
    ours_pid=$!
    pids+=("$ours_pid")
    wait_for_port "$port" "our KDC"
}

start_mit() {
    local port="$1" mit="$dir/mit"
    rm -rf "$mit"
    mkdir -p "$mit"
    cat >"$mit/krb5.conf" <<EOF
[libdefaults]
    default_realm = $realm
[realms]
    $realm = {
        kdc = 127.0.0.1:$port
    }
EOF
    cat >"$mit/kdc.conf" <<EOF
[kdcdefaults]
    kdc_listen = 127.0.0.1:$port
    kdc_tcp_listen = 127.0.0.1:$port
[realms]
    $realm = {
        database_name = $mit/principal
        key_stash_file = $mit/stash
        acl_file = $mit/kadm5.acl
        supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
        pkinit_identity = FILE:$dir/kdc/kdc.pem,$dir/kdc/kdc.key
        pkinit_anchors = FILE:$dir/ca/root.pem
        pkinit_pool = FILE:$dir/ca/issuing.pem
        pkinit_eku_checking = kpClientAuth
        pkinit_require_crl_checking = false
        pkinit_dh_min_bits = 2048
    }
[logging]
    kdc = FILE:$mit/kdc.log
EOF
    : >"$mit/kadm5.acl"
    export KRB5_CONFIG="$mit/krb5.conf" KRB5_KDC_PROFILE="$mit/kdc.conf"
    kdb5_util create -s -r "$realm" -P "$(head -c 24 /dev/urandom | base64)" >/dev/null
    kadmin.local -r "$realm" -q "addprinc -randkey +requires_preauth $user@$realm" >/dev/null
    krb5kdc -n -w "$cores" -r "$realm" -P "$mit/krb5kdc.pid" >"$mit/stdout.log" 2>&1 &
    mit_pid=$!
    pids+=("$mit_pid")
    wait_for_port "$port" "MIT krb5kdc"
}

# bench NAME PORT PID JSON [extra options]: the same load against either KDC
bench() {
    local name="$1" port="$2" pid="$3" json="$4"
    shift 4
    echo "== $name: bin/pkinit-kdc bench --kdc 127.0.0.1:$port --realm $realm --cert $dir/users/$user.pem" \
        "--key $dir/users/$user.key --anchors $dir/ca/root.pem $transport --kx $kx --duration $duration" \
        "--warmup $warmup --kdc-pid $pid --json $json $*"
    "$launcher" bench --kdc "127.0.0.1:$port" --realm "$realm" --cert "$dir/users/$user.pem" \
        --key "$dir/users/$user.key" --anchors "$dir/ca/root.pem" "$transport" --kx "$kx" \
        --duration "$duration" --warmup "$warmup" --kdc-pid "$pid" --json "$json" "$@" | grep -v '^\['
}

field() {
    python3 -c 'import json, sys
r = json.load(open(sys.argv[1])); v = r
for k in sys.argv[2].split("/"): v = v[k]
print(v)' "$1" "$2"
}

install_mit
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
make_lab
ours_port="$(free_port)"
start_ours "$ours_port"
mit_port="$(free_port)"
start_mit "$mit_port"
echo "our KDC pid $ours_pid on $ours_port (revocation off); MIT krb5kdc -w $cores pid $mit_pid on $mit_port"

out="$dir/results"
mkdir -p "$out"
bench ours "$ours_port" "$ours_pid" "$out/ours-max.json" --concurrency "$concurrency"
bench mit "$mit_port" "$mit_pid" "$out/mit-max.json" --concurrency "$concurrency"
half="$(python3 -c "print(max(1, int(float('$(field "$out/ours-max.json" throughput)') / 2)))")"
bench ours "$ours_port" "$ours_pid" "$out/ours-half.json" --rate "$half"
bench mit "$mit_port" "$mit_pid" "$out/mit-half.json" --rate "$half"

python3 - "$out" "$half" <<'EOF'
import json, sys
out, half = sys.argv[1], sys.argv[2]
r = {n: json.load(open(f"{out}/{n}.json")) for n in ("ours-max", "mit-max", "ours-half", "mit-half")}
rows = [
    ("throughput req/s (closed loop)", r["ours-max"]["throughput"], r["mit-max"]["throughput"]),
    ("KDC CPU ms/request", r["ours-max"]["kdcCpuMsPerRequest"], r["mit-max"]["kdcCpuMsPerRequest"]),
    ("p99 ms (closed loop)", r["ours-max"]["latencyMs"]["p99"], r["mit-max"]["latencyMs"]["p99"]),
    (f"p99 ms at {half}/s (half our max)", r["ours-half"]["latencyMs"]["p99"], r["mit-half"]["latencyMs"]["p99"]),
    ("errors (closed loop)", r["ours-max"]["errors"], r["mit-max"]["errors"]),
]
fmt = lambda v: "-" if v is None else f"{v:.2f}" if isinstance(v, float) else str(v)
print(f"\n{'':34} {'ours':>10} {'MIT':>10} {'ours/MIT':>9}")
for name, a, b in rows:
    ratio = f"{a / b:.2f}" if a is not None and b else "-"
    print(f"{name:34} {fmt(a):>10} {fmt(b):>10} {ratio:>9}")
EOF
