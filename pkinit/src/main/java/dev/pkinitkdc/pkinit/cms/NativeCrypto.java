package dev.pkinitkdc.pkinit.cms;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Optional;

/**
 * The Amazon Corretto Crypto Provider (AWS-LC, native) when it is on the class path and its native library loads
 * on this platform; nothing otherwise, and callers keep the JDK and Bouncy Castle. Loaded by name, so the project
 * builds and runs without it. A key {@link #nativeKey translated} to it once is signed by it ({@link CmsSigner}):
 * an RSA-2048 signature then costs about half of Bouncy Castle's.
 */
public final class NativeCrypto {
    private static final String PROVIDER_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
    private static final String KEY_PACKAGE = "com.amazon.corretto.crypto.provider.";
    private static final Loaded LOADED = load();

    /** The provider, or why there is none. */
    public record Loaded(Optional<Provider> provider, String reason) {
    }

    private NativeCrypto() {
    }

    public static Loaded loaded() {
        return LOADED;
    }

    /** {@code key} as the native provider's own key object, or {@code key} itself when it cannot be. */
    public static PrivateKey nativeKey(PrivateKey key) {
        if (LOADED.provider().isEmpty() || !("RSA".equals(key.getAlgorithm()) || "EC".equals(key.getAlgorithm()))) {
            return key;
        }
        try {
            Key translated = KeyFactory.getInstance(key.getAlgorithm(), LOADED.provider().get()).translateKey(key);
            return translated instanceof PrivateKey p ? p : key;
        } catch (GeneralSecurityException | RuntimeException e) {
            return key;   // e.g. a PKCS#11 key, whose material cannot leave its token
        }
    }

    /** The provider that owns {@code key}: the native one for its own keys. */
    static Optional<Provider> ownerOf(PrivateKey key) {
        return key.getClass().getName().startsWith(KEY_PACKAGE) ? LOADED.provider() : Optional.empty();
    }

    private static Loaded load() {
        try {
            Provider p = (Provider) Class.forName(PROVIDER_CLASS).getField("INSTANCE").get(null);
            Object error = p.getClass().getMethod("getLoadingError").invoke(p);
            if (error != null) {
                return new Loaded(Optional.empty(), p.getName() + " did not load: " + error);
            }
            return new Loaded(Optional.of(p), p.getName() + " " + p.getVersionStr());
        } catch (ClassNotFoundException e) {
            return new Loaded(Optional.empty(), "Amazon Corretto Crypto Provider is not on the class path");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new Loaded(Optional.empty(), "Amazon Corretto Crypto Provider did not load: " + e);
        }
    }
}
