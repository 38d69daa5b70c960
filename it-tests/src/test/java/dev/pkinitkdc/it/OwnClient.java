package dev.pkinitkdc.it;

import dev.pkinitkdc.kdc.lab.LabEnvironment;
import dev.pkinitkdc.kdc.lab.LabUser;
import dev.pkinitkdc.kdc.lab.PemFiles;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.ClientIdentity;
import dev.pkinitkdc.pkinit.client.KdcTransport;
import dev.pkinitkdc.pkinit.client.PkinitAsReq;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/** The project's own PKINIT client, logging a lab user on over UDP or TCP. */
final class OwnClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private OwnClient() {
    }

    static AsExchangeResult logon(LabEnvironment lab, String user, String cname, PkinitClientOptions options,
                                  boolean udp) throws Exception {
        LabUser u = lab.user(user);
        return logon(lab, u.certificate(), u.privateKey(), new PrincipalName(List.of(cname), NameType.NT_PRINCIPAL),
                options, udp);
    }

    /** Logs on with any certificate and cname, e.g. NT-X500-PRINCIPAL for a logon without a username hint. */
    static AsExchangeResult logon(LabEnvironment lab, Path certificate, Path key, PrincipalName cname,
                                  PkinitClientOptions options, boolean udp) throws Exception {
        ClientIdentity id = new ClientIdentity(PemFiles.readPrivateKey(key), PemFiles.readCertificate(certificate),
                List.of());
        PkinitClient client = new PkinitClient(id, PemFiles.readCertificates(lab.layout().rootCertificate()),
                options, Clock.systemUTC(), new SecureRandom());
        PkinitAsReq request = client.newAsReq(cname, lab.realm());
        InetSocketAddress kdc = new InetSocketAddress(lab.host(), lab.port());
        byte[] reply = udp ? KdcTransport.exchangeUdp(kdc, request.encoded(), TIMEOUT)
                : KdcTransport.exchangeTcp(kdc, request.encoded(), TIMEOUT);
        return client.processReply(request, reply);
    }
}
