package dev.pkinitkdc.kdc.tool.bench;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.support.files.BoundedFiles;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import dev.pkinitkdc.pkinit.client.ClientIdentity;
import dev.pkinitkdc.pkinit.client.KdcTransport;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.cms.NativeCrypto;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/**
 * One bench run: builds and signs the requests, warms up, measures a window at a fixed concurrency (closed loop)
 * or rate (open loop, latency from the intended send time), prints progress each second and reports.
 */
final class BenchRun {
    private static final int MAX_PREBUILD = 100_000;
    private static final int MAX_IN_FLIGHT = 20_000;
    private static final double BUILD_BUDGET_SECONDS = 120;

    private final BenchOptions options;
    private final PrintStream out;
    private final BenchStats stats = new BenchStats();
    private final AtomicInteger inFlight = new AtomicInteger();
    private PkinitClient client;
    private RequestSupply supply;
    private KdcClient kdc;

    BenchRun(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    BenchReport run() throws IOException, InterruptedException {
        List<X509Certificate> chain = BoundedFiles.certificates(options.cert());
        // the client's key in the native provider when it loads: building the stock of signed requests is quicker
        client = new PkinitClient(new ClientIdentity(NativeCrypto.nativeKey(BoundedFiles.privateKey(options.key())),
                chain.get(0), chain.subList(1, chain.size())), BoundedFiles.certificates(options.anchors()),
                PkinitClientOptions.defaults().withKeyExchange(BenchOptions.keyExchange(options.kx())),
                Clock.systemUTC(), new SecureRandom());
        PrincipalName cname = cname(chain.get(0));
        try (RequestSupply s = new RequestSupply(client, cname, options.realm(), options.verifyReplies());
             KdcClient k = new KdcClient(options.kdc(), options.timeout())) {
            supply = s;
            kdc = k;
            long prebuilt = prebuild();
            BenchReport report = measure(prebuilt);
            if (options.json().isPresent()) {
                Files.writeString(options.json().get(), report.json());
            }
            return report;
        }
    }

    /** The --principal, else the certificate's id-pkinit-san (RFC 4556 3.2.2), else its UPN's user part. */
    private PrincipalName cname(X509Certificate cert) throws IOException {
        String name = options.principal().or(() -> SubjectAltNames.kerberosPrincipals(cert).stream().findFirst()
                .map(p -> String.join("/", p.components()))).or(() -> SubjectAltNames.upns(cert).stream()
                .findFirst().map(u -> u.replaceAll("@.*$", ""))).orElseThrow(() -> new IOException(
                "the certificate names no principal (id-pkinit-san or UPN): give --principal"));
        String user = name.endsWith("@" + options.realm()) ? name.substring(0, name.lastIndexOf('@')) : name;
        return new PrincipalName(List.of(user.split("/")), NameType.NT_PRINCIPAL);
    }

    /**
     * Builds the stock: warm-up + window at the rate, or, closed loop, what a probe says will be used. The probe
     * runs twice (the first round warms the JIT of both sides) and the second round's build cost and rate count;
     * with --kdc-pid, the KDC's CPU per probe request bounds its rate on this machine's cores from above, which
     * is the better guess while the KDC is still warming up.
     */
    private long prebuild() throws IOException {
        double seconds = (options.warmup().toMillis() + options.duration().toMillis()) / 1000.0;
        int probe = Math.max(32, 4 * options.concurrency());
        ProcessCpu cpu = options.kdcPid().isPresent() ? new ProcessCpu(options.kdcPid().getAsLong()) : null;
        double buildSeconds = 0;
        double rate = options.rate();
        for (int round = 0; round < 2; round++) {
            long start = System.nanoTime();
            supply.fill(probe);
            buildSeconds = (System.nanoTime() - start) / 1e9 / probe;
            if (!options.openLoop()) {
                double cpuBefore = cpu == null ? 0 : cpu.millis();
                rate = probeRate(probe);
                double cpuPerRequest = cpu == null ? 0 : (cpu.millis() - cpuBefore) / probe;
                if (cpuPerRequest > 0) {
                    rate = Math.max(rate, Runtime.getRuntime().availableProcessors() * 1000 / cpuPerRequest);
                }
            }
        }
        long wanted = (long) Math.ceil(rate * seconds * (options.openLoop() ? 1.02 : 3.0)) + options.concurrency();
        long count = options.prebuild() > 0 ? options.prebuild()
                : Math.min(Math.min(wanted, MAX_PREBUILD), (long) (BUILD_BUDGET_SECONDS / buildSeconds));
        out.printf(Locale.ROOT, "building and signing %d requests (%.2f ms each on %d threads; expected rate %.0f/s)%n",
                count, buildSeconds * 1000, Runtime.getRuntime().availableProcessors(), rate);
        supply.fill((int) Math.max(0, count - supply.inStock()));
        return count;
    }

    /** Closed loop: sends the probe requests at the concurrency and returns the rate they were answered at. */
    private double probeRate(int probe) {
        long start = System.nanoTime();
        stats.window(Long.MAX_VALUE, Long.MAX_VALUE);
        long end = start + options.timeout().toNanos() * 2;
        CompletableFuture<?>[] slots = new CompletableFuture<?>[options.concurrency()];
        AtomicInteger left = new AtomicInteger(probe);
        for (int i = 0; i < slots.length; i++) {
            slots[i] = loop(() -> left.getAndDecrement() > 0 && System.nanoTime() < end);
        }
        CompletableFuture.allOf(slots).join();
        return probe / ((System.nanoTime() - start) / 1e9);
    }

    private BenchReport measure(long prebuilt) throws InterruptedException, IOException {
        long start = System.nanoTime();
        long windowStart = start + options.warmup().toNanos();
        long windowEnd = windowStart + options.duration().toNanos();
        stats.window(windowStart, windowEnd);
        long builtBefore = supply.builtOnDemand();
        long retriesBefore = stats.tcpRetries();
        ProcessCpu cpu = options.kdcPid().isPresent() ? new ProcessCpu(options.kdcPid().getAsLong()) : null;
        CompletableFuture<?> load = options.openLoop() ? CompletableFuture.runAsync(() -> openLoop(windowEnd))
                : CompletableFuture.allOf(java.util.stream.IntStream.range(0, options.concurrency())
                        .mapToObj(i -> loop(() -> System.nanoTime() < windowEnd)).toArray(CompletableFuture[]::new));
        Progress progress = new Progress(start, windowStart, windowEnd);
        sleepUntil(windowStart, progress);
        double cpuBefore = cpu == null ? 0 : cpu.millis();
        sleepUntil(windowEnd, progress);
        double cpuAfter = cpu == null ? 0 : cpu.millis();
        var latencies = stats.latencies();
        var outcomes = stats.outcomes();
        load.orTimeout(options.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS).exceptionally(e -> null).join();
        long completed = outcomes.values().stream().mapToLong(Long::longValue).sum();
        double window = options.duration().toNanos() / 1e9;
        return new BenchReport(options.kdc().getHostString() + ":" + options.kdc().getPort(), options.transport(),
                options.kx(), options.openLoop() ? "rate " + options.rate() + "/s"
                        : "concurrency " + options.concurrency(), window, completed, outcomes, completed / window,
                BenchReport.percentiles(latencies),
                cpu == null || completed == 0 ? OptionalDouble.empty()
                        : OptionalDouble.of((cpuAfter - cpuBefore) / completed),
                prebuilt, supply.builtOnDemand() - builtBefore, stats.tcpRetries() - retriesBefore);
    }

    /** A closed-loop slot: sends the next request whenever its reply arrives, while {@code more} holds. */
    private CompletableFuture<Void> loop(java.util.function.BooleanSupplier more) {
        if (!more.getAsBoolean()) {
            return CompletableFuture.completedFuture(null);
        }
        return supply.next().thenCompose(p -> send(p, System.nanoTime())).thenComposeAsync(ignored -> loop(more),
                kdc.executor());
    }

    /** Open loop: the i-th request is due at start + i / rate, whatever happened to the earlier ones. */
    private void openLoop(long end) {
        long interval = 1_000_000_000L / options.rate();
        long start = System.nanoTime();
        for (long due = start; due - end < 0; due += interval) {
            LockSupport.parkNanos(due - System.nanoTime());
            long sentAt = due;
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                stats.record(sentAt, System.nanoTime(), "overload");
                continue;
            }
            supply.next().thenCompose(p -> send(p, sentAt));
        }
    }

    /** Sends one request (UDP, then TCP on KRB_ERR_RESPONSE_TOO_BIG, RFC 4120 7.2.1) and records its outcome. */
    private CompletableFuture<Void> send(RequestSupply.Prebuilt p, long sentAt) {
        inFlight.incrementAndGet();
        CompletableFuture<byte[]> reply = options.transport() == Transport.UDP ? kdc.udp(p.encoded()).thenCompose(r -> {
            if (KdcTransport.errorCode(r) != KdcTransport.KRB_ERR_RESPONSE_TOO_BIG) {
                return CompletableFuture.completedFuture(r);
            }
            stats.tcpRetry();
            return kdc.tcp(p.encoded());
        }) : kdc.tcp(p.encoded());
        return reply.handle((r, e) -> {
            long done = System.nanoTime();
            inFlight.decrementAndGet();
            return new Reply(done, r, e != null ? ReplyCheck.failure(e) : ReplyCheck.outcome(r));
        }).thenApplyAsync(answer -> {
            boolean verify = options.verifyReplies() && BenchStats.OK.equals(answer.outcome());
            stats.record(sentAt, answer.done(), verify ? ReplyCheck.verified(client, p, answer.bytes())
                    : answer.outcome());
            return null;
        }, options.verifyReplies() ? ForkJoinPool.commonPool() : Runnable::run);
    }

    /** A reply as it arrived (before any verification, which runs off the event loop). */
    private record Reply(long done, byte[] bytes, String outcome) {
    }

    private void sleepUntil(long deadline, Progress progress) throws InterruptedException {
        for (long now = System.nanoTime(); now - deadline < 0; now = System.nanoTime()) {
            long nextTick = progress.nextTick();
            TimeUnit.NANOSECONDS.sleep(Math.min(deadline, nextTick) - now);
            if (System.nanoTime() - nextTick >= 0) {
                progress.print();
            }
        }
    }

    /**
     * During the warm-up the probe's guess of the rate is often low (a KDC's JIT is still cold), so the stock
     * is topped up to cover three times what the last second's rate needs until the window ends (the warm-up
     * shares the cores with this building, and the rate in the window is higher); building stops a second before
     * the window.
     */
    private void topUp(long lastSecondRate, long windowStart, long windowEnd) {
        double secondsLeft = (windowEnd - System.nanoTime()) / 1e9;
        long target = Math.min(MAX_PREBUILD, (long) (lastSecondRate * secondsLeft * 3) + options.concurrency());
        supply.topUp(target, windowStart - 1_000_000_000L);
    }

    /** The line printed each second: phase, elapsed, completed, rate over the last second, errors. */
    private final class Progress {
        private final long start;
        private final long windowStart;
        private final long windowEnd;
        private long tick;
        private long lastCompleted;
        private final long base;

        Progress(long start, long windowStart, long windowEnd) {
            this.start = start;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
            this.tick = start;
            this.lastCompleted = stats.completed();
            this.base = lastCompleted;
        }

        long nextTick() {
            return tick + 1_000_000_000L;
        }

        void print() {
            tick = nextTick();
            long completed = stats.completed();
            if (tick - windowStart < 0 && !options.openLoop()) {
                topUp(completed - lastCompleted, windowStart, windowEnd);
            }
            out.printf(Locale.ROOT, "[%s %3ds] completed %d, %d/s, errors %d, in flight %d%n",
                    tick - windowStart < 0 ? "warmup" : "window", (tick - start) / 1_000_000_000L, completed - base,
                    completed - lastCompleted, stats.failed(), inFlight.get());
            lastCompleted = completed;
        }
    }
}
