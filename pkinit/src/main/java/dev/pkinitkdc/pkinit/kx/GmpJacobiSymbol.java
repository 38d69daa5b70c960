package dev.pkinitkdc.pkinit.kx;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The Jacobi symbol by the system's GNU MP library (mpz_jacobi, a subquadratic Lehmer-style algorithm), called
 * through JNA direct mapping: about 10 µs for a 2048-bit modulus where {@link JacobiSymbol}'s binary algorithm
 * takes about 45 (and OpenSSL's BN_kronecker 90). {@link #load()} is empty where libgmp cannot be loaded (Debian
 * always has it: coreutils needs it). Only public values pass through it (a peer's DH value, the group's prime).
 */
final class GmpJacobiSymbol {
    private static final int MPZ_STRUCT_BYTES = 16;   // int _mp_alloc, int _mp_size, mp_limb_t *_mp_d (LP64)
    private static final Optional<GmpJacobiSymbol> LOADED = tryLoad();
    /** Two initialized mpz_t per thread, reused (libgmp grows their limbs as needed). */
    private static final ThreadLocal<Pointer[]> OPERANDS = ThreadLocal.withInitial(() -> {
        Pointer[] pair = {new Memory(MPZ_STRUCT_BYTES), new Memory(MPZ_STRUCT_BYTES)};
        Gmp.__gmpz_init(pair[0]);
        Gmp.__gmpz_init(pair[1]);
        return pair;
    });

    private final String version;

    private GmpJacobiSymbol(String version) {
        this.version = version;
    }

    static Optional<GmpJacobiSymbol> load() {
        return LOADED;
    }

    private static Optional<GmpJacobiSymbol> tryLoad() {
        if (Native.SIZE_T_SIZE != Long.BYTES || Native.POINTER_SIZE != Long.BYTES) {
            return Optional.empty();
        }
        try {
            Native.register(Gmp.class, "gmp");
            String version = NativeLibrary.getInstance("gmp").getGlobalVariableAddress("__gmp_version")
                    .getPointer(0).getString(0);
            return Optional.of(new GmpJacobiSymbol(version));
        } catch (LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** (a/n) for odd n > 0: 1 or -1 when gcd(a, n) = 1, else 0. */
    int of(BigInteger a, BigInteger n) {
        JacobiSymbol.requireOddPositive(n);
        Pointer[] z = OPERANDS.get();
        set(z[0], a.mod(n));
        set(z[1], n);
        return Gmp.__gmpz_jacobi(z[0], z[1]);
    }

    private static void set(Pointer z, BigInteger nonNegative) {
        byte[] magnitude = OpenSslModularExponentiation.magnitude(nonNegative);
        // one word per byte, most significant first (order 1, size 1, native endianness, no nails)
        Gmp.__gmpz_import(z, magnitude.length, 1, 1, 0, 0, magnitude);
    }

    @Override
    public String toString() {
        return "GMP " + version;
    }

    /** The libgmp functions used (the mpz_* names are macros for these), bound once by {@link Native#register}. */
    private static final class Gmp {
        static native void __gmpz_init(Pointer z);

        static native void __gmpz_import(Pointer rop, long count, int order, long size, int endian, long nails,
                                         byte[] op);

        static native int __gmpz_jacobi(Pointer a, Pointer b);
    }
}
