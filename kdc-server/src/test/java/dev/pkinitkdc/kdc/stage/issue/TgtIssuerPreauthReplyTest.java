package dev.pkinitkdc.kdc.stage.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.TestExchanges;
import dev.pkinitkdc.kdc.stage.decode.AsReqDecoderTest;
import dev.pkinitkdc.kdc.stage.preauth.EncryptedTimestampForTest;
import dev.pkinitkdc.kdc.stage.preauth.PreauthMechanisms;
import dev.pkinitkdc.kdc.tool.lab.KrbtgtKeytab;
import dev.pkinitkdc.pkinit.asn1.PaDataEncoding;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import dev.pkinitkdc.pkinit.server.FreshnessTokens;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.base.EtypeInfo2;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.kdc.AsRep;
import org.apache.kerby.kerberos.kerb.type.kdc.EncAsRepPart;
import org.apache.kerby.kerberos.kerb.type.pa.PaData;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue stage asks the mechanism that accepted the request for the reply key and padata (MIT's return_padata),
 * not PKINIT: an AS-REP issued after the test-only encrypted-timestamp mechanism carries its PA-ETYPE-INFO2 and no
 * PA-PK-AS-REP, and its enc-part opens with the client key that mechanism holds.
 */
class TgtIssuerPreauthReplyTest {
    private static final String REALM = "LAB.EXAMPLE";

    @TempDir
    Path dir;

    @Test
    void theReplyKeyAndPadataAreThoseOfTheMechanismThatAcceptedTheRequest() throws Exception {
        Path keytab = dir.resolve("krbtgt.keytab");
        KrbtgtKeytab.create(keytab, REALM);
        TgtIssuer issuer = new TgtIssuer(REALM, KrbtgtKeys.load(keytab, REALM),
                new TicketPolicy(Duration.ofHours(10), Duration.ofDays(7)), Clock.systemUTC());
        EncryptedTimestampForTest timestamp = new EncryptedTimestampForTest();
        timestamp.answer(Optional.empty());
        AsExchange.Preauthenticated verified = new PreauthMechanisms(List.of(timestamp),
                FreshnessTokens.ofRandomKey(Duration.ofMinutes(5), Clock.systemUTC()))
                .verify(AsReqDecoderTest.decoded(REALM, encryptedTimestamp()))
                .toCompletableFuture().get(1, TimeUnit.MINUTES);
        TgtIssuer.Issued issued = issuer.issue(TestExchanges.mapped(verified, TicketClientNameTest.mapping("alice")));

        AsRep rep = KrbCodec.decode(issued.asRep(), AsRep.class);
        List<PaDataEntry> padata = rep.getPaData().getElements();
        assertEquals(List.of(EncryptedTimestampForTest.PA_ETYPE_INFO2),
                padata.stream().map(e -> e.getPaDataType().getValue()).toList(), "the mechanism's padata only");
        EtypeInfo2 info = KrbCodec.decode(padata.get(0).getPaDataValue(), EtypeInfo2.class);
        assertEquals(timestamp.clientKey().getKeyType(), info.getElements().get(0).getEtype());
        EncAsRepPart part = new EncAsRepPart();
        part.decode(Enctypes.decrypt(rep.getEncryptedEncPart(), timestamp.clientKey(), KeyUsage.AS_REP_ENCPART));
        assertEquals(List.of("krbtgt", REALM), part.getSname().getNameStrings());
        assertEquals(7, part.getNonce());
        assertEquals(EncryptedTimestampForTest.KDF,
                issued.exchange().audit().facts(AuditFacts.Issued.class).orElseThrow().kdf(),
                "the audit's kdf is the mechanism's");
    }

    private static PaData encryptedTimestamp() {
        PaData padata = new PaData();
        padata.addElement(PaDataEncoding.entry(EncryptedTimestampForTest.PA_ENC_TIMESTAMP, new byte[] {1, 2, 3}));
        return padata;
    }
}
