package dev.pkinitkdc.kdc.tool.labpki;

import java.nio.file.Path;

/**
 * Where lab mode keeps its files. {@code krb5.conf}, {@code kdc.conf} and {@code users/NAME.pem|.key|.p12} are a
 * public contract; the rest may change.
 */
public record LabLayout(Path dir) {
    public LabLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    public Path rootCertificate() {
        return dir.resolve("ca/root.pem");
    }

    public Path rootKey() {
        return dir.resolve("ca/root.key");
    }

    public Path issuingCertificate() {
        return dir.resolve("ca/issuing.pem");
    }

    public Path issuingKey() {
        return dir.resolve("ca/issuing.key");
    }

    /** The revocation base URL recorded at first creation ({@code http://HOST:PORT}), which certificates carry. */
    public Path revocationUrl() {
        return dir.resolve("ca/revocation-url");
    }

    /** The serials the lab's OCSP responder and CRL say are revoked: {@code SERIALHEX REASON} per line. */
    public Path revokedSerials() {
        return dir.resolve("ca/revoked.txt");
    }

    /** The issuing CA's CRL as {@code pki crl} publishes it (DER), for {@code [revocation] crl_mirror}. */
    public Path issuingCrl() {
        return dir.resolve("crl/issuing.crl");
    }

    /** The root CA's CRL as {@code pki init} and {@code pki crl publish --root} publish it (DER). */
    public Path rootCrl() {
        return dir.resolve("crl/root.crl");
    }

    /** Where the lab KDC keeps downloaded CRLs and its revoked ledger across restarts ({@code [revocation] cache_dir}). */
    public Path revocationCache() {
        return dir.resolve("revocation-cache");
    }

    /** The lab KDC's JSON audit log ({@code [audit] file}), rolled beside it. */
    public Path auditLog() {
        return dir.resolve("log/audit.jsonl");
    }

    public EndEntityFiles kdc() {
        return EndEntityFiles.in(dir.resolve("kdc"), "kdc");
    }

    public EndEntityFiles user(String name) {
        return EndEntityFiles.in(dir.resolve("users"), name);
    }

    public Path directoryLdif() {
        return dir.resolve("directory.ldif");
    }

    public Path krbtgtKeytab() {
        return dir.resolve("krbtgt.keytab");
    }

    /** The folder of service keytabs, {@code [services] keytabs} in the lab's kdc.conf. */
    public Path serviceKeytabs() {
        return dir.resolve("keytabs");
    }

    /** {@code keytabs/SERVICE.keytab}: the keys of {@code SERVICE/localhost} ({@code host}, {@code HTTP}). */
    public Path serviceKeytab(String service) {
        return serviceKeytabs().resolve(service + ".keytab");
    }

    public Path krb5Conf() {
        return dir.resolve("krb5.conf");
    }

    public Path kdcConf() {
        return dir.resolve("kdc.conf");
    }

    public Path ccache(String user) {
        return dir.resolve("ccache-" + user);
    }

    /** The path as written into kdc.conf: relative to DIR, so the folder can be moved. */
    public String relative(Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    /** NAME.pem, NAME.key and NAME.p12 of one end entity. */
    public record EndEntityFiles(Path certificate, Path privateKey, Path pkcs12) {
        static EndEntityFiles in(Path folder, String name) {
            return new EndEntityFiles(folder.resolve(name + ".pem"), folder.resolve(name + ".key"),
                    folder.resolve(name + ".p12"));
        }
    }
}
