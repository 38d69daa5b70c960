package dev.pkinitkdc.pkinit.kx;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ModularExponentiation} by the system's OpenSSL libcrypto (BN_mod_exp_mont_consttime: Montgomery
 * multiplication in assembly, constant time in the exponent), called through JNA direct mapping. About four
 * times faster than BigInteger.modPow for MODP group 14 with a 256-bit exponent; {@link #load()} is empty where
 * libcrypto cannot be loaded, and callers keep {@link ModularExponentiation#JAVA}. The Jacobi symbol comes from
 * libgmp when that loads ({@link GmpJacobiSymbol}; libcrypto's BN_kronecker is slower than the Java one).
 */
public final class OpenSslModularExponentiation implements ModularExponentiation {
    private static final Optional<ModularExponentiation> LOADED = tryLoad();
    private final String version;
    private final Optional<GmpJacobiSymbol> gmp = GmpJacobiSymbol.load();
    /** Per modulus (a handful of MODP primes): its BIGNUM and Montgomery context, made once, then only read. */
    private final Map<BigInteger, Modulus> moduli = new ConcurrentHashMap<>();

    private record Modulus(Pointer value, Pointer montgomery, int length) {
    }

    private OpenSslModularExponentiation(String version) {
        this.version = version;
    }

    /** libcrypto's, or empty when it does not load (no such library, another architecture). */
    public static Optional<ModularExponentiation> load() {
        return LOADED;
    }

    private static Optional<ModularExponentiation> tryLoad() {
        try {
            Native.register(LibCrypto.class, "crypto");
            return Optional.of(new OpenSslModularExponentiation(LibCrypto.OpenSSL_version(0)));
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public BigInteger modPow(BigInteger base, BigInteger exponent, BigInteger modulus) {
        Modulus m = moduli.computeIfAbsent(modulus, OpenSslModularExponentiation::prepare);
        byte[] a = magnitude(base);
        byte[] p = magnitude(exponent);
        Pointer ctx = LibCrypto.BN_CTX_new();
        Pointer bnA = LibCrypto.BN_bin2bn(a, a.length, null);
        Pointer bnP = LibCrypto.BN_bin2bn(p, p.length, null);
        Pointer result = LibCrypto.BN_new();
        try {
            if (ctx == null || bnA == null || bnP == null || result == null || LibCrypto.BN_mod_exp_mont_consttime(
                    result, bnA, bnP, m.value(), ctx, m.montgomery()) != 1) {
                throw new IllegalStateException("libcrypto BN_mod_exp_mont_consttime failed");
            }
            byte[] out = new byte[m.length()];
            LibCrypto.BN_bn2binpad(result, out, out.length);
            return new BigInteger(1, out);
        } finally {
            LibCrypto.BN_clear_free(result);
            LibCrypto.BN_clear_free(bnP);
            LibCrypto.BN_free(bnA);
            LibCrypto.BN_CTX_free(ctx);
            Arrays.fill(p, (byte) 0);
        }
    }

    @Override
    public int jacobi(BigInteger a, BigInteger n) {
        return gmp.isPresent() ? gmp.get().of(a, n) : JacobiSymbol.of(a, n);
    }

    /** The modulus as a BIGNUM with its Montgomery context (kept for the life of the process). */
    private static Modulus prepare(BigInteger modulus) {
        byte[] m = magnitude(modulus);
        Pointer value = LibCrypto.BN_bin2bn(m, m.length, null);
        Pointer montgomery = LibCrypto.BN_MONT_CTX_new();
        Pointer ctx = LibCrypto.BN_CTX_new();
        try {
            if (value == null || montgomery == null || ctx == null
                    || LibCrypto.BN_MONT_CTX_set(montgomery, value, ctx) != 1) {
                throw new IllegalStateException("libcrypto BN_MONT_CTX_set failed");
            }
        } finally {
            LibCrypto.BN_CTX_free(ctx);
        }
        return new Modulus(value, montgomery, m.length);
    }

    /** The unsigned big-endian bytes of a non-negative value (no sign byte), as libcrypto and libgmp read them. */
    static byte[] magnitude(BigInteger v) {
        byte[] raw = v.toByteArray();
        return raw.length > 1 && raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
    }

    @Override
    public String toString() {
        return gmp.map(g -> version + ", Jacobi symbol by " + g).orElse(version);
    }

    /** The libcrypto (OpenSSL 1.1 and 3) functions used, bound once by {@link Native#register}. */
    private static final class LibCrypto {
        static native String OpenSSL_version(int type);

        static native Pointer BN_CTX_new();

        static native void BN_CTX_free(Pointer ctx);

        static native Pointer BN_new();

        static native Pointer BN_bin2bn(byte[] s, int len, Pointer ret);

        static native int BN_bn2binpad(Pointer a, byte[] to, int tolen);

        static native int BN_mod_exp_mont_consttime(Pointer r, Pointer a, Pointer p, Pointer m, Pointer ctx,
                                                    Pointer mont);

        static native void BN_free(Pointer a);

        static native Pointer BN_MONT_CTX_new();

        static native int BN_MONT_CTX_set(Pointer mont, Pointer mod, Pointer ctx);

        static native void BN_clear_free(Pointer a);
    }
}
