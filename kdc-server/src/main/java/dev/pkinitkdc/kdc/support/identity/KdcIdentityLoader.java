package dev.pkinitkdc.kdc.support.identity;

import dev.pkinitkdc.conf.IdentitySettings;
import dev.pkinitkdc.kdc.support.files.BoundedFiles;
import dev.pkinitkdc.pkinit.KdcIdentity;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the KDC's certificate and key from PEM files or a PKCS#12 file (with a password, or unencrypted as
 * the SecurITaas utility writes it), logs one "KDC certificate loaded" line, warns about what clients may
 * refuse, and refuses an identity the KDC cannot sign with.
 */
public final class KdcIdentityLoader {
    private static final Logger LOG = LoggerFactory.getLogger(KdcIdentityLoader.class);

    private KdcIdentityLoader() {
    }

    public static KdcIdentity load(IdentitySettings id, String realm, Instant now) throws IOException {
        KdcIdentity identity = read(id);
        KdcCertificateCheck.requireUsable(identity, now);
        LOG.info("KDC certificate loaded: {}", KdcCertificateCheck.describe(identity.certificate()));
        for (String warning : KdcCertificateCheck.warnings(identity.certificate(), realm, now)) {
            LOG.warn("KDC certificate {}: {}", KdcCertificateCheck.thumbprint(identity.certificate()), warning);
        }
        return identity;
    }

    /** Reads the configured certificate, key and chain without checking or logging them. */
    public static KdcIdentity read(IdentitySettings id) throws IOException {
        List<X509Certificate> extra = BoundedFiles.certificates(id.chain());
        if (id.pkcs12().isPresent()) {
            char[] password = id.pkcs12PasswordFile().isPresent()
                    ? BoundedFiles.firstLine(id.pkcs12PasswordFile().get()).toCharArray()
                    : new char[0];
            PemFiles.KeyAndChain kc = PemFiles.pkcs12(id.pkcs12().get(), password);
            List<X509Certificate> chain = new ArrayList<>(kc.chain().subList(1, kc.chain().size()));
            extra.stream().filter(c -> !chain.contains(c)).forEach(chain::add);
            return new KdcIdentity(kc.key(), kc.chain().get(0), chain);
        }
        X509Certificate cert = BoundedFiles.certificates(id.certificate().orElseThrow()).get(0);
        return new KdcIdentity(BoundedFiles.privateKey(id.key().orElseThrow()), cert, extra);
    }
}
