package dev.pkinitkdc.kdc.support.identity;

import static dev.pkinitkdc.pkinit.testing.Prerequisites.nativeCryptoAsExpected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pkinitkdc.conf.KdcSettings.CryptoProvider;
import dev.pkinitkdc.pkinit.KdcIdentity;
import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cms.CmsSigner;
import dev.pkinitkdc.pkinit.cms.CmsVerifier;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The KDC signs its replies with the native provider's key exactly when {@code crypto_provider = auto} and the
 * native provider is expected on this machine ({@code -Dpkinit.expect.nativeCrypto}, which scripts/test.sh passes):
 * a provider that does not load where it should fails the test instead of changing what it expects.
 */
class SigningIdentityTest {
    private static final String NATIVE_KEY_PACKAGE = "com.amazon.corretto.crypto.provider.";

    private static KdcIdentity newIdentity() {
        CertifiedKey kdc = CertificateBuilder.withNewKey("CN=kdc").selfSigned();
        return new KdcIdentity(kdc.privateKey(), kdc.certificate(), List.of());
    }

    @ParameterizedTest
    @EnumSource(CryptoProvider.class)
    void eitherChoiceSignsReplySignedDataThatVerifies(CryptoProvider choice) throws Exception {
        AtomicReference<KdcIdentity> loaded = new AtomicReference<>(newIdentity());
        boolean nativeHere = nativeCryptoAsExpected();
        boolean expectNative = choice == CryptoProvider.AUTO && nativeHere;
        SigningIdentity signing = SigningIdentity.choose(loaded::get, choice);
        assertEquals(expectNative, signing.usesNativeProvider());

        for (int reload = 0; reload < 2; reload++) {
            KdcIdentity id = signing.get();
            assertSame(id, signing.get(), "translated once per loaded identity");
            assertSame(loaded.get().certificate(), id.certificate());
            assertEquals(expectNative, id.privateKey().getClass().getName().startsWith(NATIVE_KEY_PACKAGE),
                    id.privateKey().getClass().getName());
            byte[] content = {1, 2, 3};
            byte[] signed = CmsSigner.sign(PkinitOids.DH_KEY_DATA, content, id.privateKey(), id.certificate(),
                    id.chain());
            assertArrayEquals(content, CmsVerifier.verify(signed, PkinitOids.DH_KEY_DATA).content());
            KdcIdentity before = id;
            loaded.set(newIdentity());   // as SIGHUP or a changed file reloads it
            assertNotSame(before.certificate(), signing.get().certificate());
        }
    }
}
