package dev.pkinitkdc.kdc.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A prepared lab folder: PKI, directory LDIF, krbtgt keytab, krb5.conf and kdc.conf. {@link #prepare} makes what
 * is missing and keeps what exists, so a second run reuses the PKI and the directory data; the two configuration
 * files are rewritten every time because host and port may change.
 */
public final class LabEnvironment {
    private final LabOptions options;
    private final LabLayout layout;

    private LabEnvironment(LabOptions options, LabLayout layout) {
        this.options = options;
        this.layout = layout;
    }

    public static LabEnvironment prepare(LabOptions options) throws IOException {
        LabLayout layout = new LabLayout(options.dir());
        Files.createDirectories(layout.dir());
        LabPki pki = loadOrCreatePki(layout, options.realm());
        List<X509Certificate> chain = List.of(pki.issuing().certificate());
        ensureEndEntity(layout.kdc(), chain, cert -> stillValid(cert) && LabPki.namesHost(cert, options.host()),
                () -> pki.issueKdc(options.realm(), options.host()));
        for (LabAccount account : LabAccount.DEFAULTS) {
            ensureEndEntity(layout.user(account.name()), chain, LabEnvironment::stillValid,
                    () -> pki.issueUser(account, options.realm()));
        }
        if (!Files.exists(layout.directoryLdif())) {
            DirectorySeed.write(layout.directoryLdif(), options.realm());
        }
        if (!Files.exists(layout.krbtgtKeytab())) {
            KrbtgtKeytab.create(layout.krbtgtKeytab(), options.realm());
        }
        writeText(layout.krb5Conf(), Krb5Conf.render(layout, options.realm(), options.host(), options.port()));
        writeText(layout.kdcConf(), KdcConf.render(layout, options.realm(), options.host(), options.port()));
        return new LabEnvironment(options, layout);
    }

    public Path dir() {
        return layout.dir();
    }

    public String realm() {
        return options.realm();
    }

    public String host() {
        return options.host();
    }

    public int port() {
        return options.port();
    }

    public LabLayout layout() {
        return layout;
    }

    public Path kdcConf() {
        return layout.kdcConf();
    }

    public Path krb5Conf() {
        return layout.krb5Conf();
    }

    public String baseDn() {
        return DirectorySeed.baseDn(options.realm());
    }

    /** The lab user called {@code name} ("alice", "bob"). */
    public LabUser user(String name) {
        return LabAccount.DEFAULTS.stream()
                .filter(account -> account.name().equals(name))
                .findFirst()
                .map(this::toUser)
                .orElseThrow(() -> new IllegalArgumentException("no lab user " + name));
    }

    public List<LabUser> users() {
        return LabAccount.DEFAULTS.stream().map(this::toUser).toList();
    }

    /** The kinit command lines for every user: by name, and by UPN with {@code -E} where there is one. */
    public List<String> kinitCommands() {
        List<String> lines = new ArrayList<>();
        users().forEach(user -> lines.addAll(KinitCommands.forUser(user, layout.krb5Conf())));
        return lines;
    }

    public void printInstructions(PrintStream out) {
        out.println("Lab realm " + realm() + " in " + dir());
        out.println("  KDC listens on udp/tcp " + HostPort.format(host(), port()) + "; config " + kdcConf());
        out.println("  client config " + krb5Conf());
        out.println();
        out.println("Get a ticket with a certificate (MIT kinit):");
        kinitCommands().forEach(line -> out.println("  " + line));
        out.println();
        out.println("PKCS#12 identities (empty password) work too: -X X509_user_identity=PKCS12:"
                + user("alice").pkcs12());
        out.println("Then: KRB5CCNAME=FILE:" + user("alice").ccache() + " klist");
    }

    private LabUser toUser(LabAccount account) {
        LabLayout.EndEntityFiles files = layout.user(account.name());
        return new LabUser(account.name(), account.name() + "@" + realm(), account.userPrincipalName(realm()),
                files.certificate(), files.privateKey(), files.pkcs12(), layout.ccache(account.name()));
    }

    private static LabPki loadOrCreatePki(LabLayout layout, String realm) throws IOException {
        if (!Files.exists(layout.rootCertificate())) {
            LabPki pki = LabPki.generate(realm);
            pki.save(layout);
            return pki;
        }
        LabPki pki = LabPki.load(layout);
        if (!pki.realm().equals(realm)) {
            throw new IOException(layout.dir() + " holds a lab for realm " + pki.realm() + ", not " + realm
                    + "; use another --dir");
        }
        return pki;
    }

    /**
     * Issues a new certificate and key if either file is missing or the certificate is no longer {@code reusable};
     * (re)writes the PKCS#12 file if it is missing.
     */
    private static void ensureEndEntity(LabLayout.EndEntityFiles files, List<X509Certificate> chain,
                                        Predicate<X509Certificate> reusable, Supplier<CertifiedKey> issue)
            throws IOException {
        CertifiedKey credential;
        if (Files.exists(files.certificate()) && Files.exists(files.privateKey())
                && reusable.test(PemFiles.readCertificate(files.certificate()))) {
            if (Files.exists(files.pkcs12())) {
                return;
            }
            credential = PemFiles.readCertifiedKey(files.certificate(), files.privateKey());
        } else {
            credential = issue.get();
            PemFiles.writeCertifiedKey(files.certificate(), files.privateKey(), credential);
        }
        Pkcs12Files.write(files.pkcs12(), credential, chain);
    }

    /** RFC 5280 4.1.2.5: within notBefore..notAfter now. */
    private static boolean stillValid(X509Certificate certificate) {
        try {
            certificate.checkValidity();
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    private static void writeText(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
