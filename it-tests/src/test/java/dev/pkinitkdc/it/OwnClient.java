package dev.pkinitkdc.it;

import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.pkinit.cert.PemFiles;
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

/**
 * The project's own PKINIT client, logging a lab user on over TCP, or over UDP first with the retry over TCP that a
 * KRB_ERR_RESPONSE_TOO_BIG asks for (RFC 4120 7.2.1), as real clients do.
 */
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

    /** A client with a lab user's certificate and key, trusting the lab root for the KDC's certificate. */
    static PkinitClient client(LabEnvironment lab, String user, PkinitClientOptions options) throws Exception {
        return new PkinitClient(identity(lab, user), PemFiles.certificates(lab.layout().rootCertificate()),
                options, Clock.systemUTC(), new SecureRandom());
    }

    /** A lab user's key and certificate. */
    static ClientIdentity identity(LabEnvironment lab, String user) throws Exception {
        LabUser u = lab.user(user);
        return new ClientIdentity(PemFiles.privateKey(u.privateKey()), PemFiles.certificate(u.certificate()),
                List.of());
    }

    static PrincipalName principal(String cname) {
        return new PrincipalName(List.of(cname), NameType.NT_PRINCIPAL);
    }

    static InetSocketAddress address(LabEnvironment lab) {
        return new InetSocketAddress(lab.host(), lab.port());
    }

    static byte[] tcp(LabEnvironment lab, byte[] request) throws Exception {
        return KdcTransport.exchangeTcp(address(lab), request, TIMEOUT);
    }

    static byte[] udp(LabEnvironment lab, byte[] request) throws Exception {
        return KdcTransport.exchangeUdp(address(lab), request, TIMEOUT);
    }

    /** RFC 8070 4: asks for a freshness token (PA-AS-FRESHNESS in an AS-REQ without PA-PK-AS-REQ) over TCP. */
    static byte[] freshnessToken(LabEnvironment lab, PkinitClient client, String cname) throws Exception {
        byte[] reply = tcp(lab, client.freshnessRequest(principal(cname), lab.realm()));
        return PkinitClient.freshnessToken(reply).orElseThrow(() -> new AssertionError(
                "no PA-AS-FRESHNESS token in the reply, error code " + KdcTransport.errorCode(reply)));
    }

    /** Logs on with any certificate and cname, e.g. NT-X500-PRINCIPAL for a logon without a username hint. */
    static AsExchangeResult logon(LabEnvironment lab, Path certificate, Path key, PrincipalName cname,
                                  PkinitClientOptions options, boolean udp) throws Exception {
        return exchange(lab, certificate, key, cname, options, udp).result();
    }

    /** A logon's reply as the KDC sent it (AS-REP or KRB-ERROR) beside what the client made of it. */
    record Exchange(byte[] reply, AsExchangeResult result) {
    }

    /** A lab user's logon over TCP, keeping the KDC's reply bytes. */
    static Exchange exchange(LabEnvironment lab, String user, PkinitClientOptions options) throws Exception {
        LabUser u = lab.user(user);
        return exchange(lab, u.certificate(), u.privateKey(), principal(user), options, false);
    }

    private static Exchange exchange(LabEnvironment lab, Path certificate, Path key, PrincipalName cname,
                                     PkinitClientOptions options, boolean udp) throws Exception {
        ClientIdentity id = new ClientIdentity(PemFiles.privateKey(key), PemFiles.certificate(certificate),
                List.of());
        PkinitClient client = new PkinitClient(id, PemFiles.certificates(lab.layout().rootCertificate()),
                options, Clock.systemUTC(), new SecureRandom());
        PkinitAsReq request = client.newAsReq(cname, lab.realm());
        InetSocketAddress kdc = new InetSocketAddress(lab.host(), lab.port());
        byte[] reply = udp ? KdcTransport.exchangeUdpThenTcp(kdc, request.encoded(), TIMEOUT)
                : KdcTransport.exchangeTcp(kdc, request.encoded(), TIMEOUT);
        return new Exchange(reply, client.processReply(request, reply));
    }
}
