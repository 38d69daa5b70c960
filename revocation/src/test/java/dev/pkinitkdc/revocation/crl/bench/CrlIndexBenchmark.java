package dev.pkinitkdc.revocation.crl.bench;

import dev.pkinitkdc.revocation.crl.CertificateList;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CRL index with a million entries: load (DER walk, signature over tbsCertList, index) and lookups of a
 * listed and an unlisted serial. Run by scripts/bench-crl.sh; not a surefire test.
 */
@State(Scope.Benchmark)
public class CrlIndexBenchmark {
    @Param("1000000")
    public int entries;

    private LargeCrl crl;
    private CertificateList loaded;
    private BigInteger listed;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        crl = LargeCrl.load(Path.of(System.getProperty("bench.dir", "target/bench")), entries);
        long before = usedHeapAfterGc();
        loaded = CertificateList.parse(crl.der());
        loaded.verify(crl.issuer());
        long after = usedHeapAfterGc();
        listed = crl.serials()[0];
        if (loaded.size() != entries || !loaded.lists(listed) || loaded.lists(crl.absent())) {
            throw new IllegalStateException("the index disagrees with the generated CRL");
        }
        System.out.printf("%nCRL of %d entries, %d bytes DER: index retains %d bytes (%.1f per entry); "
                        + "heap delta around the load after System.gc(): %d bytes%n", loaded.size(),
                crl.der().length, loaded.indexBytes(), loaded.indexBytes() / (double) loaded.size(), after - before);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public CertificateList loadVerifyAndIndex() throws Exception {
        CertificateList fresh = CertificateList.parse(crl.der());
        fresh.verify(crl.issuer());
        return fresh;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public boolean lookupListed() {
        BigInteger[] serials = crl.serials();
        return loaded.lists(serials[next++ & (serials.length - 1)]);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public boolean lookupAbsent() {
        return loaded.lists(crl.absent());
    }
}
