package dev.pkinitkdc.kdc.request;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.mapping.AccountMapping;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.time.Instant;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/**
 * States of an {@link AsExchange} for tests of one stage, made without running the stages before it: what those
 * stages would have established, with placeholders where the stage under test does not look.
 */
public final class TestExchanges {
    /** A mechanism whose reply no test here asks for. */
    public static final VerifiedPreauth NO_REPLY = (exchange, tgs) -> {
        throw new AssertionError("the preauth reply was asked for");
    };

    private TestExchanges() {
    }

    /** Alice's AS-REQ for LAB.EXAMPLE (AES256-SHA1, nonce 1) with {@code padata}, as decode would leave it. */
    public static AsExchange.Decoded decoded(List<PaDataItem> padata) {
        DecodedAsReq request = new DecodedAsReq(null, new byte[0],
                new PrincipalName(List.of("alice"), NameType.NT_PRINCIPAL), "LAB.EXAMPLE", 1,
                Enctype.AES256_CTS_HMAC_SHA1_96, padata);
        return AsExchange.received(null, Transport.UDP, Instant.now(), new byte[0]).decoded(request,
                AuditRecord.empty());
    }

    /** {@code received} as validate would leave it with {@code certificate}, its facts kept. */
    public static AsExchange.Validated validated(AsExchange.Received received, ValidatedCertificate certificate) {
        AsExchange.Decoded decoded = decoded(List.of());
        return received.decoded(decoded.request(), received.audit()).preauthenticated(NO_REPLY, received.audit())
                .validated(certificate, received.audit());
    }

    /** {@code preauthenticated} mapped to {@code mapping}, through a certificate no stage here looks at. */
    public static AsExchange.Mapped mapped(AsExchange.Preauthenticated preauthenticated, AccountMapping mapping) {
        return preauthenticated.validated(placeholderCertificate(), preauthenticated.audit())
                .mapped(mapping, preauthenticated.audit());
    }

    /** {@code decoded} accepted by {@code preauth} and mapped to {@code mapping}. */
    public static AsExchange.Mapped mapped(AsExchange.Decoded decoded, VerifiedPreauth preauth,
                                           AccountMapping mapping) {
        return mapped(decoded.preauthenticated(preauth, decoded.audit()), mapping);
    }

    private static ValidatedCertificate placeholderCertificate() {
        CertifiedKey self = CertificateBuilder.withNewKey("CN=placeholder").ca(null).selfSigned();
        return new ValidatedCertificate(self.certificate(), List.of(self.certificate()), self.certificate());
    }
}
