package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.Misbehaviour;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.kdf.Rfc8636Kdf;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import dev.pkinitkdc.pkinit.testing.OfferedKeyExchanges;
import java.nio.file.Path;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Key exchanges over the network with the project's own client against the lab KDC: ECDH on every RFC 5349 curve
 * with every KDF, MODP 18, RSA key transport, an ECDSA client certificate, and the refusals with their wire codes
 * (65 with TD-DH-PARAMETERS, 24 for a bad public value, 81 with RSA key transport switched off).
 */
class OwnClientKeyExchangeTest extends LabPerClass {
    private static AsExchangeResult logon(LabKdc lab, PkinitClientOptions options) throws Exception {
        return OwnClient.logon(lab.lab, "alice", "alice", options, false);
    }

    private static AsExchangeResult.Success success(AsExchangeResult r) {
        return assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
    }

    private static AsExchangeResult.Error refused(int code, AsExchangeResult r) {
        AsExchangeResult.Error e = assertInstanceOf(AsExchangeResult.Error.class, r, r::toString);
        assertEquals(code, e.errorCode(), e.eText());
        return e;
    }

    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void ecdhOnEveryCurveWithEveryKdfGetsATgt(EcCurve curve) throws Exception {
        assertEquals("octetstring2key", success(logon(kdc, PkinitClientOptions.defaults().withCurve(curve)
                .withKdfs(List.of()))).kdf());
        for (Rfc8636Kdf kdf : Rfc8636Kdf.values()) {
            assertEquals(kdf.kdfName(), success(logon(kdc, PkinitClientOptions.defaults().withCurve(curve)
                    .withKdfs(List.of(kdf)))).kdf());
        }
    }

    /** MODP 18 as the KDC answered it: its audit line's kx and its own public value's group (RFC 3526 7). */
    @Test
    void modp18GetsATgtAndTheKdcAnswersInGroup18() throws Exception {
        AuditFile audit = new AuditFile(kdc.lab.dir());
        OwnClient.Exchange x = OwnClient.exchange(kdc.lab, "alice",
                PkinitClientOptions.defaults().withGroup(ModpGroup.MODP18));
        success(x.result());
        assertEquals("dh-modp18", audit.lastOk().path("kx").asText(), audit.lastOk()::toString);
        KdcDhPublicValue.assertInGroup(18, x.reply());
    }

    @Test
    void rsaKeyTransportGetsATgt() throws Exception {
        assertEquals("none (encKeyPack)", success(logon(kdc, PkinitClientOptions.defaults().withRsaKeyTransport()))
                .kdf());
    }

    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void anEcPointOffTheCurveIsRefusedWith24(EcCurve curve) throws Exception {
        refused(24, logon(kdc, PkinitClientOptions.defaults().withCurve(curve)
                .withMisbehaviour(Misbehaviour.EC_POINT_OFF_CURVE)));
    }

    @Test
    void aDhValueOutsideTheSubgroupIsRefusedWith24AndTheKdcKeepsServing() throws Exception {
        refused(24, logon(kdc, PkinitClientOptions.defaults()
                .withMisbehaviour(Misbehaviour.DH_VALUE_OUTSIDE_SUBGROUP)));
        success(logon(kdc, PkinitClientOptions.defaults()));
    }

    @Test
    void anEcdsaP256ClientCertificateLogsOnWithDhAndEcdh() throws Exception {
        EcdsaCertificate ec = EcdsaCertificate.alice(kdc, EcCurve.P256, dir);
        Path cert = ec.certificate();
        Path key = ec.key();
        PrincipalName alice = new PrincipalName(List.of("alice"), NameType.NT_PRINCIPAL);
        success(OwnClient.logon(kdc.lab, cert, key, alice, PkinitClientOptions.defaults(), false));
        success(OwnClient.logon(kdc.lab, cert, key, alice, PkinitClientOptions.defaults().withCurve(EcCurve.P256),
                true));
        // RSA key transport needs an RSA certificate to encrypt to
        refused(81, OwnClient.logon(kdc.lab, cert, key, alice, PkinitClientOptions.defaults().withRsaKeyTransport(),
                false));
    }

    @Test
    void withStricterPolicyP256IsRefusedWith65ListingAcceptedGroupsAndCurvesAndRsaWith81() throws Exception {
        try (LabKdc strict = LabKdc.start(dir.resolve("strict"), "", conf -> conf
                .replace("ecdh_min_bits = 256", "ecdh_min_bits = 384")
                .replace("rsa_key_transport = true", "rsa_key_transport = false"))) {
            AsExchangeResult.Error e = refused(65, logon(strict, PkinitClientOptions.defaults()
                    .withCurve(EcCurve.P256)));
            // RFC 3526 groups 14, 16, 18 (p, g, q checked against the RFC text), then secp384r1 and secp521r1
            assertEquals(List.of("modp14", "modp16", "modp18", "1.3.132.0.34", "1.3.132.0.35"),
                    OfferedKeyExchanges.of(e.eData()));
            success(logon(strict, PkinitClientOptions.defaults().withCurve(EcCurve.P384)));

            AsExchangeResult.Error rsa = refused(81, logon(strict, PkinitClientOptions.defaults()
                    .withRsaKeyTransport()));
            assertTrue(rsa.eText().contains("rsa_key_transport"), rsa.eText());
        }
    }
}
