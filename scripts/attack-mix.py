#!/usr/bin/env python3
"""Hostile traffic against a KDC for the soak test (scripts/soak.sh); not part of CI.

Runs these side by side for --duration seconds, each in its own thread, and prints one JSON summary:
  udp_noise     datagrams that are not a KDC-REQ (the KDC must not answer: no reflection)
  tcp_slow      connections that send one byte every few seconds (the frame deadline must cut them)
  tcp_hold      connections opened and left idle, past the per-source cap
  tcp_oversize  a length prefix of 2^31-1 (RFC 4120 7.2.2 reserved bit) and of 64 MiB
  nested        an AS-REQ tag followed by 20,000 nested BER SEQUENCEs
  impersonate   MIT kinit with alice's certificate asking for bob (-E bob), when --lab is given
Every loop stops at the deadline. Standard library only.

With --cost-pid PID the attacks run one after another instead, each alone for --cost-seconds, and the KDC
process's CPU time (utime + stime from /proc/PID/stat), less what it spends over the same window without an attack,
is divided by the requests or connections it sent; with --lab, bob logs on with MIT kinit once a second in every
window (the quiet one too), from 127.0.0.1, and the wall time of those logons is reported.
"""
import argparse, json, os, random, socket, struct, subprocess, threading, time

STOP_FILE = None

def running(stop):
    """Until the deadline, or until --stop-file exists."""
    return time.time() < stop and not (STOP_FILE and os.path.exists(STOP_FILE))

def connect(a, timeout):
    """A TCP connection to the KDC from the attacker's own loopback address (--source), as a remote host would."""
    return socket.create_connection((a.host, a.port), timeout=timeout, source_address=(a.source, 0))

def udp_noise(a, stop, out):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((a.source, 0))
    s.settimeout(0.001)
    sent = replies = 0
    while running(stop):
        payload = bytes([random.choice([0x30, 0x00, 0x7e, 0xff])]) + os.urandom(random.randint(0, 200))
        s.sendto(payload, (a.host, a.port))
        sent += 1
        try:
            while True:
                s.recvfrom(65536)
                replies += 1
        except (socket.timeout, BlockingIOError, ConnectionRefusedError):
            pass
        time.sleep(1.0 / a.udp_rate)
    out["udp_noise"] = {"sent": sent, "replies": replies}

def tcp_slow(a, stop, out):
    conns, opened, cut, lifetimes = [], 0, 0, []
    while running(stop):
        while len(conns) < a.slow:
            try:
                c = connect(a, 2)
                c.sendall(struct.pack(">I", 1000))   # a 1000-byte request announced, then a byte every 2 s
                conns.append((c, time.time()))
                opened += 1
            except OSError:
                break
        for c, t0 in list(conns):
            try:
                c.sendall(b"\x30")
            except OSError:
                conns.remove((c, t0)); cut += 1; lifetimes.append(time.time() - t0); c.close()
        time.sleep(2)
    for c, _ in conns:
        c.close()
    out["tcp_slow"] = {"opened": opened, "cut_by_kdc": cut,
                       "max_lifetime_s": round(max(lifetimes), 1) if lifetimes else None}

def tcp_hold(a, stop, out):
    held, refused = [], 0
    for _ in range(a.hold):
        try:
            held.append(connect(a, 2))
        except OSError:
            refused += 1
    time.sleep(2)
    closed = 0
    for c in held:
        c.settimeout(0.2)
        try:
            if c.recv(1) == b"":
                closed += 1
        except socket.timeout:
            pass
        except OSError:
            closed += 1
    while running(stop):
        time.sleep(0.5)
    for c in held:
        c.close()
    out["tcp_hold"] = {"attempted": a.hold, "connect_failed": refused, "closed_by_kdc_within_2s": closed}

def frame_reply(payload):
    try:
        c = connect(A, 5)
        c.sendall(payload)
        data = c.recv(65536)
        c.close()
        return len(data)
    except OSError:
        return -1

def tcp_oversize(a, stop, out):
    sent, answered = 0, 0
    while running(stop):
        for n in (0x7FFFFFFF, 64 << 20):
            sent += 1
            if frame_reply(struct.pack(">I", n) + b"\x6a\x84") > 0:
                answered += 1
        time.sleep(1)
    out["tcp_oversize"] = {"sent": sent, "answered": answered}

def nested(a, stop, out):
    depth = 20000
    body = b"\x6a\x80" + b"\x30\x80" * depth + b"\x00\x00" * (depth + 1)
    sent, answered = 0, 0
    while running(stop):
        sent += 1
        if frame_reply(struct.pack(">I", len(body)) + body) > 0:
            answered += 1
        time.sleep(0.5)
    out["nested"] = {"sent": sent, "answered": answered, "depth": depth}

def kinit_ms(a, user, name):
    """One MIT kinit logon with the lab's certificate of user; its wall time in ms, or None when it failed."""
    env = dict(os.environ, KRB5_CONFIG=os.path.join(a.lab, "krb5.conf"),
               KRB5CCNAME="FILE:" + os.path.join(a.lab, "ccache-soak-" + user))
    ident = "FILE:%s,%s" % (os.path.join(a.lab, "users", user + ".pem"), os.path.join(a.lab, "users", user + ".key"))
    t0 = time.time()
    r = subprocess.run(["kinit", "-X", "X509_user_identity=" + ident] + name, env=env, stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=30)
    return round((time.time() - t0) * 1000, 1) if r.returncode == 0 else None

def legit_logons(a, stop, latencies):
    """bob logs on with MIT kinit once a second while an attack runs (--cost-pid with --lab)."""
    while running(stop):
        latencies.append(kinit_ms(a, "bob", ["bob"]))
        time.sleep(1)

def impersonate(a, stop, out):
    tries = granted = 0
    while running(stop):
        tries += 1
        granted += kinit_ms(a, "alice", ["-E", "bob"]) is not None
        time.sleep(2)
    out["impersonate"] = {"tries": tries, "tgts_granted": granted}

if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--source", default="127.0.0.2",
                   help="the attacker's address (another loopback address than the legitimate clients')")
    p.add_argument("--duration", type=float, default=600)
    p.add_argument("--udp-rate", type=float, default=500)
    p.add_argument("--slow", type=int, default=50)
    p.add_argument("--hold", type=int, default=200)
    p.add_argument("--lab", help="lab folder: adds the impersonation attempts with MIT kinit")
    p.add_argument("--cost-pid", type=int, help="the KDC's pid: measure its CPU per attack, one attack at a time")
    p.add_argument("--cost-seconds", type=float, default=10)
    p.add_argument("--stop-file", help="stop early once this file exists")
    A = p.parse_args()
    STOP_FILE = A.stop_file
    out = {}
    attacks = [udp_noise, tcp_slow, tcp_hold, tcp_oversize, nested] + ([impersonate] if A.lab else [])
    if A.cost_pid:
        tick = os.sysconf("SC_CLK_TCK")
        def cpu_ms():
            f = open(f"/proc/{A.cost_pid}/stat").read().rsplit(")", 1)[1].split()
            return (int(f[11]) + int(f[12])) * 1000 / tick
        for _ in range(2):   # the first pass warms the KDC's JIT up on every path; the second is reported
            start = time.time()
            out.clear()
            before = cpu_ms()
            quiet = []
            if A.lab:
                legit_logons(A, time.time() + A.cost_seconds - 2, quiet)
            time.sleep(max(0.0, A.cost_seconds + 1 - (time.time() - start)))
            # the KDC's own timers, GC and JIT, and bob's logons, over a window without attack: taken off each attack's
            idle = cpu_ms() - before
            ok = sorted(x for x in quiet if x is not None)
            out["idle"] = {"kdc_cpu_ms": round(idle, 1), "legit_kinit_ms": {"logons": len(quiet),
                           "median": ok[len(ok) // 2] if ok else None, "max": ok[-1] if ok else None}}
            for f in attacks:
                before = cpu_ms()
                latencies = []
                if A.lab:
                    t = threading.Thread(target=legit_logons, args=(A, time.time() + A.cost_seconds - 2, latencies))
                    t.start()
                f(A, time.time() + A.cost_seconds, out)
                if A.lab:
                    t.join(60)
                time.sleep(1)
                r = out[f.__name__]
                ok = sorted(x for x in latencies if x is not None)
                if A.lab:
                    r["legit_kinit_ms"] = {"logons": len(latencies), "failed": len(latencies) - len(ok),
                                           "median": ok[len(ok) // 2] if ok else None, "max": ok[-1] if ok else None}
                n = next(r[k] for k in ("sent", "tries", "opened", "attempted") if k in r)
                r["kdc_cpu_ms"] = round(cpu_ms() - before - idle, 1)
                r["kdc_cpu_ms_each"] = round(r["kdc_cpu_ms"] / max(1, n), 3)
        print(json.dumps(out, indent=2))
        raise SystemExit(0)
    stop = time.time() + A.duration
    threads = [threading.Thread(target=f, args=(A, stop, out), daemon=True) for f in attacks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(A.duration + 60)
    print(json.dumps(out, indent=2))
