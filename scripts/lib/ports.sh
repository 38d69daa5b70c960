# Shared by the scripts that start KDCs on loopback: source it, then call free_port / wait_for_port.

# free_port: a port free for both TCP and UDP on 127.0.0.1 (a KDC listens on both)
free_port() {
    python3 -c 'import socket
for _ in range(50):
    t = socket.socket(); t.bind(("127.0.0.1", 0)); p = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", p)); print(p); break
    except OSError: pass
    finally: u.close(); t.close()'
}

# wait_for_port PORT NAME: up to 30 s for a TCP listener on 127.0.0.1:PORT, else exit 1
wait_for_port() {
    local port="$1" name="$2"
    for _ in $(seq 1 150); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
        sleep 0.2
    done
    echo "$(basename "$0"): $name did not listen on $port" >&2
    exit 1
}
