package dev.pkinitkdc.pkinit.testing;

import dev.pkinitkdc.pkinit.cms.NativeCrypto;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a tool, a native library, loopback aliases) or from beside the checkout (the
 * shared vectors in ../shared/testdata). Where it is missing, a developer's run skips the test with the reason; a
 * CI run, {@code -Dpkinit.ci=true} (scripts/test.sh sets it, and scripts/install-test-deps.sh installs the tools),
 * fails it instead, so a test CI should run is never skipped there.
 */
public final class Prerequisites {
    /** The system property that says "CI: every prerequisite must be present". */
    public static final String CI = "pkinit.ci";
    /**
     * How a skip that CI accepts begins (scripts/lib/SkippedTests.java lists it but does not fail the run): only
     * for inputs the project may not carry, when they are not beside the checkout at all.
     */
    public static final String EXPLAINED = "explained: ";
    /** The system property that says whether the native crypto provider must load here: true or false. */
    public static final String EXPECT_NATIVE_CRYPTO = "pkinit.expect.nativeCrypto";

    private Prerequisites() {
    }

    /** Whether this is a CI run, where a missing prerequisite fails the test. */
    public static boolean ci() {
        return Boolean.getBoolean(CI);
    }

    /** Returns when {@code present}; otherwise skips the test, or in CI fails it, saying what is missing. */
    public static void require(boolean present, String missing) {
        if (present) {
            return;
        }
        if (ci()) {
            throw new AssertionError("missing in CI (-D" + CI + "=true): " + missing);
        }
        Assumptions.abort(missing + " (a CI run, -D" + CI + "=true, fails here)");
    }

    /**
     * For an input the project may not carry (a vector under a licence that forbids it), kept outside the
     * repository: when {@code beside} is false, not even the folder that holds such inputs is beside this
     * checkout (a clone elsewhere), and the test is skipped in CI too, with an explained reason that the skip list
     * prints; when the folder is there, the input must be too ({@link #require}).
     */
    public static void requireOutsideInput(boolean beside, boolean present, String missing) {
        if (!beside) {
            Assumptions.abort(EXPLAINED + "not carried by the project (its licence), and no ../shared beside this "
                    + "checkout: " + missing);
        }
        require(present, missing);
    }

    /**
     * Whether the native provider (NativeCrypto: ACCP, whose native library the build carries for linux-x86_64
     * only) must load in this JVM: {@code -Dpkinit.expect.nativeCrypto=true|false} as scripts/test.sh passes it,
     * else whether this is Linux on x86_64. Known before the provider is asked, so a test can fail when it
     * differs.
     */
    public static boolean expectNativeCrypto() {
        String told = System.getProperty(EXPECT_NATIVE_CRYPTO);
        if (told != null) {
            if (!told.equals("true") && !told.equals("false")) {
                throw new IllegalArgumentException("-D" + EXPECT_NATIVE_CRYPTO + "=" + told + ": true or false");
            }
            return Boolean.parseBoolean(told);
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        return os.equals("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** Whether {@link NativeCrypto} loaded here, after failing the test when that is not what is expected. */
    public static boolean nativeCryptoAsExpected() {
        NativeCrypto.Loaded loaded = NativeCrypto.loaded();
        boolean expected = expectNativeCrypto();
        if (loaded.provider().isPresent() != expected) {
            throw new AssertionError("the native crypto provider " + (expected ? "should load here but did not: "
                    : "should not load here (-D" + EXPECT_NATIVE_CRYPTO + "=false) but did: ") + loaded.reason());
        }
        return expected;
    }
}
