package dev.pkinitkdc.kdc.tool.bench;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.as.AsReqProcessor;
import dev.pkinitkdc.kdc.assembly.KdcRuntime;
import dev.pkinitkdc.kdc.support.DaemonThreads;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The whole AS-REQ pipeline without the network: the stages {@link KdcRuntime#assemble} builds from the lab's
 * kdc.conf (embedded directory, NTAuth from it, revocation hard_fail against the lab's OCSP/CRL server, OCSP
 * stapling), fed signed PKINIT AS-REQs our client built in {@link #setUp}. Each invocation takes a fresh request
 * (the replay cache refuses a repeated AuthPack) and fails when the reply is not an AS-REP. Run with
 * scripts/bench-jmh.sh AsReqProcessorBenchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AsReqProcessorBenchmark {
    private static final int AS_REP_TAG = 0x6B; // [APPLICATION 11]

    /** dh2048 (MODP group 14, as MIT kinit), p256 (RFC 5349 ECDH) or rsa (RFC 4556 3.2.3.2 key transport). */
    @Param({"dh2048"})
    public String kx;

    /** {@code [kdc] crypto_provider}: auto (native signatures when the provider loads) or jdk. */
    @Param({"auto"})
    public String crypto;

    /** Requests built per iteration; more than an iteration consumes. */
    @Param({"3000"})
    public int pool;

    private BenchLab lab;
    private ExecutorService workers;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private AsReqProcessor pipeline;
    private PkinitClient client;
    private List<byte[]> requests;
    private final AtomicInteger next = new AtomicInteger();
    private long cpuAtStart;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        lab = BenchLab.start(crypto);
        workers = Executors.newFixedThreadPool(lab.config.kdc().workers(), DaemonThreads.named("kdc-worker"));
        pipeline = KdcRuntime.assemble(lab.config, workers, Clock.systemUTC(), resources).asProcessor();
        client = lab.client("alice", options(kx));
    }

    /** Builds (and signs) this iteration's requests outside the measurement, on all cores. */
    @Setup(Level.Iteration)
    public void buildRequests() {
        PrincipalName alice = new PrincipalName(List.of("alice"), NameType.NT_PRINCIPAL);
        requests = IntStream.range(0, pool).parallel()
                .mapToObj(i -> client.newAsReq(alice, lab.lab.realm()).encoded()).toList();
        next.set(0);
        cpuAtStart = processCpuNanos();
    }

    /**
     * The process's CPU time per AS-REQ in the iteration (KDC stages, embedded directory, logging; not the
     * request building above): steadier than the time per operation when other work shares the cores.
     */
    @TearDown(Level.Iteration)
    public void reportCpu() {
        long cpu = processCpuNanos() - cpuAtStart;
        int done = Math.min(next.get(), requests.size());
        if (done > 0) {
            System.out.printf("%n  cpu %.3f ms per AS-REQ (%d requests)%n", cpu / 1e6 / done, done);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Benchmark
    public byte[] asReq() {
        int i = next.getAndIncrement();
        if (i >= requests.size()) {
            throw new IllegalStateException("request pool exhausted: raise -p pool");
        }
        byte[] reply = pipeline.handle(new InetSocketAddress(BenchLab.HOST, 40000), Transport.TCP, requests.get(i)).join();
        if ((reply[0] & 0xff) != AS_REP_TAG) {
            throw new IllegalStateException("reply is not an AS-REP (tag " + Integer.toHexString(reply[0]) + ")");
        }
        return reply;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        workers.shutdownNow();
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        lab.close();
    }

    static PkinitClientOptions options(String kx) {
        PkinitClientOptions defaults = PkinitClientOptions.defaults();
        return switch (kx) {
            case "dh2048" -> defaults;
            case "p256" -> defaults.withCurve(EcCurve.P256);
            case "rsa" -> defaults.withRsaKeyTransport();
            default -> throw new IllegalArgumentException("kx: dh2048, p256 or rsa");
        };
    }
}
