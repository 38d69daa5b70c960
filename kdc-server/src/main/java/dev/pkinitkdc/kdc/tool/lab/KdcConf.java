package dev.pkinitkdc.kdc.tool.lab;

import dev.pkinitkdc.conf.HostPort;
import dev.pkinitkdc.kdc.tool.labpki.LabLayout;

/** The KDC configuration in the format of conf/README.md, with paths relative to DIR so DIR can be moved. */
final class KdcConf {
    private KdcConf() {
    }

    static String render(LabLayout layout, String realm, String host, int port, int metricsPort) {
        String address = HostPort.format(host, port);
        LabLayout.EndEntityFiles kdc = layout.kdc();
        return """
                # kdc.conf for the pkinit-kdc lab, rewritten on every `pkinit-kdc lab` run.
                # Relative paths are resolved against this file's folder.

                # The realm served, and the UDP and TCP addresses the KDC listens on (RFC 4120 7.2.1).
                [kdc]
                realm = %1$s
                listen = udp:%2$s, tcp:%2$s
                # Lab only: KRB-ERROR e-texts carry the full reason (the account a name found, directory errors),
                # as the audit line does. Off by default: a client is told only about its own certificate and request.
                verbose_e_text = true

                # The KDC's certificate and key, and the issuing CA sent with it in the reply (RFC 4556 3.2.3).
                # A client that asks (RFC 4557) gets an OCSP response about this certificate, fetched from the lab
                # responder its AIA names and kept current in the background.
                [identity]
                certificate = %3$s
                key = %4$s
                chain = %5$s
                ocsp_staple = fetch

                # Client certificates must build a path (RFC 5280 6.1) to an anchor, through these intermediates.
                [trust]
                anchors = %6$s
                intermediates = %5$s

                # Smallest Diffie-Hellman group accepted (RFC 4556 3.2.3.1; 2048 = MODP group 14, RFC 3526), smallest
                # ECDH curve (RFC 5349; 256 = P-256), and RSA key transport (RFC 4556 3.2.3.2, MIT flag_RSA_PROTOCOL).
                [pkinit]
                dh_min_bits = 2048
                ecdh_min_bits = 256
                rsa_key_transport = true

                # Accounts live in an LDAP server inside the KDC process, loaded from the LDIF file at start.
                [directory]
                type = embedded
                base_dn = %7$s
                ldif = %8$s
                listen = 127.0.0.1:0

                # The enterprise NTAuth store (MS-PKCA 3.1.5.2.1.1): the CA that issued a logon certificate must be
                # in it, else KDC_ERR_CLIENT_NOT_TRUSTED (62). directory: the cACertificate values of
                # CN=NTAuthCertificates,CN=Public Key Services,CN=Services,CN=Configuration,%7$s
                # (the lab LDIF holds the lab issuing CA; `pkinit-kdc ntauth add|remove|list` changes it, like
                # `certutil -dspublish -f ca.cer NTAuthCA`); files: PEM/DER files or folders; off: no check (lab only).
                # Changes are picked up within refresh_interval, without a restart.
                [ntauth]
                source = directory
                refresh_interval = 60s

                # Keys of krbtgt/%1$s@%1$s, which encrypt the TGTs the KDC issues (RFC 4120 5.3).
                [krbtgt]
                keytab = %9$s

                # Keys of the services tickets are issued for (TGS-REQ, RFC 4120 3.3): keytab files, or folders whose
                # *.keytab files are read; the lab's hold host/localhost and HTTP/localhost.
                [services]
                keytabs = %13$s

                # Revocation of client certificates (RFC 4556 3.2.3). The lab serves OCSP and CRLs itself at the URLs
                # its certificates carry (AIA OCSP, CRL distribution points); ca/revoked.txt lists what is revoked, and
                # the lab user "revoked" is refused with KDC_ERR_REVOKED_CERTIFICATE (72). hard_fail: a status that
                # cannot be established refuses with 73 (unknown) or 74 (unavailable); soft_fail allows it with a WARN;
                # cached_only never waits for a download; off checks nothing (lab only). Downloaded CRLs, and the revoked
                # serials this KDC has seen stated, are kept in cache_dir, so a restart while the revocation server is
                # down still has them.
                [revocation]
                mode = hard_fail
                order = ocsp, crl
                cache_dir = %10$s

                # One JSON line per AS-REQ (client, certificate, trust and revocation steps, mapping, result), only
                # to this file, rolled daily and at max_file_size into gzip files kept max_history days.
                [audit]
                file = %11$s

                # Prometheus text endpoint: requests by result and code, latency, cache hit rates, directory pool.
                [metrics]
                listen = %12$s
                """.formatted(realm, address,
                layout.relative(kdc.certificate()), layout.relative(kdc.privateKey()),
                layout.relative(layout.issuingCertificate()), layout.relative(layout.rootCertificate()),
                DirectorySeed.baseDn(realm), layout.relative(layout.directoryLdif()),
                layout.relative(layout.krbtgtKeytab()), layout.relative(layout.revocationCache()),
                layout.relative(layout.auditLog()), HostPort.format(host, metricsPort),
                layout.relative(layout.serviceKeytabs()));
    }
}
