#!/usr/bin/env bash
# Soak test (not in CI): the lab KDC under 70% of its maximum load of legitimate PKINIT logons for DURATION (in
# windows of a minute, each prebuilt), with
# the attack mix of scripts/attack-mix.py on the side (UDP noise, slow and idle TCP connections, oversize length
# prefixes, deeply nested DER, impersonation attempts with MIT kinit). Reports the KDC's RSS, the p99 latency and
# errors of the legitimate logons before, during and after, and what each attack achieved.
#
#   scripts/soak.sh [--dir DIR] [--duration 10m] [--load 0.7] [--warmup 60s]
#
# Needs `mvn -q -DskipTests package` first, and MIT kinit (scripts/install-test-deps.sh) for the impersonation part.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
dir="$root/soak-lab"
duration=10m
load=0.7
warmup=60s
while [[ $# -gt 0 ]]; do
    case "$1" in
        --dir) dir="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --load) load="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "soak: unknown option $1" >&2; exit 2 ;;
    esac
done
# shellcheck source=lib/ports.sh
source "$root/scripts/lib/ports.sh"
launcher="$root/bin/pkinit-kdc"
seconds="$(python3 -c "import re,sys; m=re.fullmatch(r'(\d+)([smh]?)','$duration'); print(int(m[1])*{'':1,'s':1,'m':60,'h':3600}[m[2]])")"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
out="$dir/soak-results"
mkdir -p "$out"

port="$(free_port)"
# The bench's logons stand for many users but come from one address: lift the per-source caps for it, as
# bench-vs-mit.sh does (the attack mix comes from 127.0.0.2 and still meets the totals and the frame deadline).
PKINIT_KDC_KDC_MAX_PENDING_REQUESTS_PER_SOURCE=1024 PKINIT_KDC_KDC_MAX_TCP_CONNECTIONS_PER_SOURCE=1024 \
    "$launcher" lab --dir "$dir/lab" --port "$port" --revocation-port "$(free_port)" --metrics-port "$(free_port)" \
    >"$out/kdc.log" 2>&1 &
kdc=$!
trap 'kill $kdc 2>/dev/null || true; wait $kdc 2>/dev/null || true' EXIT
wait_for_port "$port" "lab KDC"
echo "soak: lab KDC pid $kdc on 127.0.0.1:$port"

rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$kdc/status"; }

bench() {   # bench JSON [options]: bob's logons (id-pkinit-san, DH-2048) over TCP
    local json="$1"
    shift
    "$launcher" bench --kdc "127.0.0.1:$port" --realm LAB.EXAMPLE --cert "$dir/lab/users/bob.pem" \
        --key "$dir/lab/users/bob.key" --anchors "$dir/lab/ca/root.pem" --tcp --kdc-pid "$kdc" --json "$json" \
        "$@" | grep -v '^\[' || true
}

field() {
    python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("/"): v = v[k]
print(v)' "$1" "$2"
}

bench "$out/max.json" --concurrency 8 --warmup "$warmup" --duration 30s
rate="$(python3 -c "print(max(1, int(float('$(field "$out/max.json" throughput)') * $load)))")"
echo "soak: maximum $(field "$out/max.json" throughput) req/s; legitimate load $rate req/s"

rss_before="$(rss)"
bench "$out/before.json" --rate "$rate" --warmup 5s --duration 60s

# The attacks run for the whole phase; the legitimate load runs in windows of a minute, each with its requests
# built and signed before it starts (the bench client shares this machine: building 540 signed DH requests a
# second during a window would take the cores the KDC is measured on).
windows=$(( (seconds + 59) / 60 ))
rm -f "$out/stop"
python3 "$root/scripts/attack-mix.py" --port "$port" --duration "$(( seconds * 4 + 600 ))" --lab "$dir/lab" \
    --stop-file "$out/stop" >"$out/attacks.json" &
attacks=$!
( while kill -0 "$attacks" 2>/dev/null; do echo "$(date +%s) $(rss)"; sleep 10; done ) >"$out/rss.txt" &
for w in $(seq 1 "$windows"); do
    bench "$out/during-$w.json" --rate "$rate" --warmup 0s --duration 60s --timeout 5s
done
touch "$out/stop"
wait "$attacks" || true
rss_after_attack="$(rss)"
bench "$out/after.json" --rate "$rate" --warmup 5s --duration 60s
rss_after="$(rss)"

python3 - "$out" "$rss_before" "$rss_after_attack" "$rss_after" "$windows" <<'PY'
import json, sys
out, before, end, after, windows = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
rss = [int(l.split()[1]) for l in open(f"{out}/rss.txt") if len(l.split()) == 2]
print(f"{'phase':<12} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}  errors by code")
def row(name, r):
    print(f"{name:<12} {r['throughput']:>9.1f} {r['latencyMs']['p50']:>8.2f} {r['latencyMs']['p99']:>8.2f} "
          f"{r['errors']:>7}  {r['errorsByCode']}")
row("before", json.load(open(f"{out}/before.json")))
during = [json.load(open(f"{out}/during-{w}.json")) for w in range(1, windows + 1)]
for w, r in enumerate(during, 1):
    row(f"during {w}", r)
row("after", json.load(open(f"{out}/after.json")))
print(f"during, all windows: {sum(r['completed'] for r in during)} logons, {sum(r['errors'] for r in during)} errors, "
      f"worst window p99 {max(r['latencyMs']['p99'] for r in during):.2f} ms")
print(f"RSS MiB: before {before}, max during {max(rss) if rss else '-'}, end of attacks {end}, after {after}")
print("attacks:", json.dumps(json.load(open(f"{out}/attacks.json"))))
PY
