package dev.pkinitkdc.kdc.support.identity;

import dev.pkinitkdc.conf.KdcSettings.CryptoProvider;
import dev.pkinitkdc.pkinit.KdcIdentity;
import dev.pkinitkdc.pkinit.cms.NativeCrypto;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KDC's current identity with its private key in the provider that signs the replies (RFC 4556 3.2.3):
 * with {@code [kdc] crypto_provider = auto}, the native provider when it loads ({@link NativeCrypto}), the key
 * translated once per loaded identity (a reloaded identity is translated again); with {@code jdk}, or when the
 * native provider is absent, the key as loaded, signed by Bouncy Castle as before.
 */
public final class SigningIdentity implements Supplier<KdcIdentity> {
    private static final Logger LOG = LoggerFactory.getLogger(SigningIdentity.class);

    private record Translated(KdcIdentity loaded, KdcIdentity signing) {
    }

    private final Supplier<KdcIdentity> source;
    private final boolean nativeKeys;
    private final AtomicReference<Translated> last = new AtomicReference<>();

    private SigningIdentity(Supplier<KdcIdentity> source, boolean nativeKeys) {
        this.source = source;
        this.nativeKeys = nativeKeys;
    }

    /** Chooses the provider once and says which in one INFO line. */
    public static SigningIdentity choose(Supplier<KdcIdentity> source, CryptoProvider choice) {
        NativeCrypto.Loaded loaded = NativeCrypto.loaded();
        boolean nativeKeys = choice == CryptoProvider.AUTO && loaded.provider().isPresent();
        if (nativeKeys) {
            LOG.info("crypto provider for the KDC's signatures and the check of clients' RSA/ECDSA signatures: {} "
                    + "(crypto_provider = auto)", loaded.reason());
        } else if (choice == CryptoProvider.JDK) {
            LOG.info("crypto provider for the KDC's signatures and the check of clients' signatures: JDK/Bouncy Castle "
                    + "(crypto_provider = jdk)");
        } else {
            LOG.info("crypto provider for the KDC's signatures and the check of clients' signatures: JDK/Bouncy Castle "
                    + "({})", loaded.reason());
        }
        return new SigningIdentity(source, nativeKeys);
    }

    public boolean usesNativeProvider() {
        return nativeKeys;
    }

    @Override
    public KdcIdentity get() {
        KdcIdentity current = source.get();
        if (!nativeKeys) {
            return current;
        }
        Translated held = last.get();
        if (held != null && held.loaded() == current) {
            return held.signing();
        }
        KdcIdentity signing = new KdcIdentity(NativeCrypto.nativeKey(current.privateKey()), current.certificate(),
                current.chain());
        last.set(new Translated(current, signing));
        return signing;
    }
}
