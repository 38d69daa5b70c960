package dev.pkinitkdc.pkinit.testing;

import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import dev.pkinitkdc.pkinit.server.PkinitReply;
import dev.pkinitkdc.pkinit.server.PkinitServer;
import dev.pkinitkdc.pkinit.server.VerifiedPkAsReq;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.base.LastReq;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.AsRep;
import org.apache.kerby.kerberos.kerb.type.kdc.AsReq;
import org.apache.kerby.kerberos.kerb.type.kdc.EncAsRepPart;
import org.apache.kerby.kerberos.kerb.type.pa.PaData;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlags;

/** The slice of a KDC the tests need around a PkinitServer: AS-REQ in, AS-REP out (ticket contents are dummy). */
public final class TestKdc {
    private final PkinitServer server;
    public PkinitReply lastReply;

    public TestKdc(PkinitServer server) {
        this.server = server;
    }

    public VerifiedPkAsReq verify(byte[] asReqDer) throws Exception {
        AsReq asReq = KrbCodec.decode(asReqDer, AsReq.class);
        byte[] pa = KdcReqEncoding.paData(asReqDer).stream().filter(p -> p.type() == 16).findFirst()
                .orElseThrow().value();
        return server.verify(pa, KdcReqEncoding.reqBody(asReqDer));
    }

    public byte[] handle(byte[] asReqDer) throws Exception {
        AsReq asReq = (AsReq) KrbCodec.decodeMessage(ByteBuffer.wrap(asReqDer));
        VerifiedPkAsReq verified = verify(asReqDer);
        var body = asReq.getReqBody();
        Enctype etype = Enctype.fromValue(Enctypes.requested(KdcReqEncoding.reqBody(asReqDer)).get(0)).orElseThrow();
        PrincipalName client = new PrincipalName(body.getCname().getNameStrings(), body.getCname().getNameType());
        client.setRealm(body.getRealm());
        PrincipalName tgs = new PrincipalName(List.of("krbtgt", body.getRealm()), NameType.NT_SRV_INST);
        tgs.setRealm(body.getRealm());
        PkinitReply reply = server.reply(verified, etype, asReqDer, client, tgs);
        lastReply = reply;

        EncryptionKey sessionKey = Enctypes.randomKey(etype);
        Ticket ticket = new Ticket();
        ticket.setTktKvno(5);
        ticket.setRealm(body.getRealm());
        ticket.setSname(body.getSname());
        EncryptedData dummy = Enctypes.encrypt(new byte[16], Enctypes.randomKey(etype),
                KeyUsage.KDC_REP_TICKET);
        ticket.setEncryptedEncPart(dummy);

        EncAsRepPart part = new EncAsRepPart();
        part.setKey(sessionKey);
        part.setLastReq(new LastReq());
        part.setNonce(body.getNonce());
        part.setFlags(new TicketFlags());
        part.setAuthTime(KerberosTime.now());
        part.setEndTime(body.getTill());
        part.setSrealm(body.getRealm());
        part.setSname(body.getSname());

        AsRep rep = new AsRep();
        PaData pa = new PaData();
        pa.addElement(new PaDataEntry(PaDataType.PK_AS_REP, reply.paPkAsRep()));
        rep.setPaData(pa);
        rep.setCrealm(body.getRealm());
        rep.setCname(body.getCname());
        rep.setTicket(ticket);
        rep.setEncryptedEncPart(Enctypes.encrypt(KrbCodec.encode(part), reply.replyKey(),
                KeyUsage.AS_REP_ENCPART));
        return KrbCodec.encode(rep);
    }

}
