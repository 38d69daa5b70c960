package dev.pkinitkdc.kdc.tool.lab;

import dev.pkinitkdc.conf.HostPort;
import dev.pkinitkdc.kdc.tool.labpki.LabAccount;
import dev.pkinitkdc.kdc.tool.labpki.LabLayout;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.kdc.tool.labpki.LabRevocationUrls;
import dev.pkinitkdc.kdc.tool.labpki.PemFileWriter;
import dev.pkinitkdc.kdc.tool.labpki.Pkcs12Files;
import dev.pkinitkdc.kdc.tool.labpki.RevokedSerials;
import dev.pkinitkdc.mapping.altsec.AltSecurityIdentity;
import dev.pkinitkdc.mapping.altsec.CertificateSids;
import dev.pkinitkdc.mapping.directory.NtAuthCertificates;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A prepared lab folder: PKI, directory LDIF, krbtgt keytab, krb5.conf and kdc.conf. {@link #prepare} makes what
 * is missing and keeps what exists, so a second run reuses the PKI and the directory data; the two configuration
 * files are rewritten every time because host and port may change.
 */
public final class LabEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(LabEnvironment.class);
    private final LabOptions options;
    private final LabLayout layout;
    private final LabRevocationUrls urls;

    private LabEnvironment(LabOptions options, LabLayout layout, LabRevocationUrls urls) {
        this.options = options;
        this.layout = layout;
        this.urls = urls;
    }

    public static LabEnvironment prepare(LabOptions options) throws IOException {
        LabLayout layout = new LabLayout(options.dir());
        Files.createDirectories(layout.dir());
        LabRevocationUrls urls = revocationUrls(layout, options);
        LabPki pki = loadOrCreatePki(layout, options.realm(), urls);
        List<X509Certificate> chain = List.of(pki.issuing().certificate());
        ensureEndEntity(layout.kdc(), chain, cert -> stillValid(cert) && LabPki.namesHost(cert, options.host())
                        && urls.pointedAtBy(cert),
                () -> pki.issueKdc(options.realm(), options.host(), urls));
        String domainSid = DirectorySeed.domainSid(layout.directoryLdif(), options.realm())
                .orElseGet(DirectorySeed::newDomainSid);
        boolean reissued = false;
        List<DirectorySeed.SeededAccount> seeded = new ArrayList<>();
        for (LabAccount account : LabAccount.DEFAULTS) {
            LabLayout.EndEntityFiles files = layout.user(account.name());
            if (ensureEndEntity(files, chain,
                    cert -> stillValid(cert) && carriesSid(cert, account, domainSid) && urls.pointedAtBy(cert),
                    () -> pki.issueUser(account, options.realm(), domainSid, urls))) {
                LOG.info("lab: issued a certificate for {} ({})", account.name(), files.certificate());
                reissued = true;
            }
            seeded.add(new DirectorySeed.SeededAccount(account,
                    explicitMappings(account, PemFiles.certificate(files.certificate()))));
        }
        RevokedSerials.ensureListed(layout.revokedSerials(),
                PemFiles.certificate(layout.user(LabAccount.REVOKED).certificate()).getSerialNumber(),
                "keyCompromise", "lab user " + LabAccount.REVOKED);
        if (reissued || !Files.exists(layout.directoryLdif())) {
            DirectorySeed.write(layout.directoryLdif(), options.realm(), seeded, domainSid, pki.issuing().certificate());
            LOG.info("lab: wrote {} for the users' current certificates", layout.directoryLdif());
        } else if (DirectorySeed.ensureNtAuth(layout.directoryLdif(), options.realm(), pki.issuing().certificate())) {
            LOG.info("lab: {} had no NTAuth store; appended {} holding the lab issuing CA", layout.directoryLdif(),
                    NtAuthCertificates.dn(DirectorySeed.baseDn(options.realm())));
        }
        if (!Files.exists(layout.krbtgtKeytab())) {
            KrbtgtKeytab.create(layout.krbtgtKeytab(), options.realm());
        } else {
            KrbtgtKeytab.addMissing(layout.krbtgtKeytab(), options.realm());
        }
        ServiceKeytab.ensureAll(layout.serviceKeytabs(), layout::serviceKeytab, options.realm());
        writeText(layout.krb5Conf(), Krb5Conf.render(layout, options.realm(), options.host(), options.port()));
        writeText(layout.kdcConf(), KdcConf.render(layout, options.realm(), options.host(), options.port(),
                options.effectiveMetricsPort()));
        return new LabEnvironment(options, layout, urls);
    }

    /**
     * The revocation base URL the lab's certificates carry: the recorded one while the host is the same and no
     * other port is asked for; else a new one, recorded, which makes {@link #prepare} reissue the certificates.
     */
    private static LabRevocationUrls revocationUrls(LabLayout layout, LabOptions options) throws IOException {
        Path file = layout.revocationUrl();
        if (Files.exists(file)) {
            LabRevocationUrls recorded = LabRevocationUrls.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (recorded.host().equals(options.host())
                    && (options.revocationPort() == 0 || options.revocationPort() == recorded.port())) {
                return recorded;
            }
        }
        LabRevocationUrls urls = new LabRevocationUrls(options.host(), options.newRevocationPort());
        Files.createDirectories(file.getParent());
        writeText(file, urls.base() + "\n");
        return urls;
    }

    /** Starts serving this lab's OCSP and CRLs at {@link #revocationUrls()}; Main's lab command and tests use it. */
    public LabRevocationServer startRevocationServer() throws IOException {
        return LabRevocationServer.start(LabPki.load(layout), layout.revokedSerials(), urls);
    }

    public LabRevocationUrls revocationUrls() {
        return urls;
    }

    /**
     * A certificate from the lab issuing CA with the lab's AIA OCSP URL and CRL distribution point, for tests that
     * make their own lab certificates: the lab KDC can check its revocation like the lab users'.
     */
    public CertifiedKey issue(dev.pkinitkdc.pkinit.labpki.CertificateBuilder builder) throws IOException {
        return LabPki.load(layout).issue(builder, urls);
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

    /** The Prometheus endpoint the lab kdc.conf asks for. */
    public String metricsUrl() {
        return "http://" + HostPort.format(host(), options.effectiveMetricsPort()) + "/metrics";
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

    /** The MIT kvno command line that gets {@code user} a ticket for {@code host/localhost} with its TGT. */
    public String kvnoCommand(LabUser user) {
        return ShellWords.join(List.of(ShellWords.assignment("KRB5_CONFIG", layout.krb5Conf().toString()),
                ShellWords.assignment("KRB5CCNAME", "FILE:" + user.ccache()), "kvno",
                "host/" + ServiceKeytab.HOST + "@" + realm()));
    }

    /** {@code keytabs/SERVICE.keytab}: the lab's keys of {@code SERVICE/localhost} (host, HTTP). */
    public Path serviceKeytab(String service) {
        return layout.serviceKeytab(service);
    }

    public void printInstructions(PrintStream out) {
        out.println("Lab realm " + realm() + " in " + dir());
        out.println("  KDC listens on udp/tcp " + HostPort.format(host(), port()) + "; config " + kdcConf());
        out.println("  client config " + krb5Conf());
        out.println("  audit log (one JSON line per AS-REQ) " + layout.auditLog() + "; metrics " + metricsUrl());
        out.println();
        out.println("Get a ticket with a certificate (MIT kinit):");
        kinitCommands().forEach(line -> out.println("  " + line));
        out.println();
        out.println("Users: alice (UPN SAN + SID extension: strong), bob (id-pkinit-san + SID extension: strong),");
        out.println("  carol (no SAN; strong altSecurityIdentities X509:<I>..<SR>..: give her name as the hint),");
        out.println("  weak (no SAN; only the weak X509:<I>..<S>..: refused with KRB-ERROR 66 under full enforcement;");
        out.println("  set [mapping] strong_mapping_enforcement = compatibility in " + kdcConf().getFileName()
                + " to let her in),");
        out.println("  revoked (like alice, but its certificate is revoked: refused with KRB-ERROR 72,");
        out.println("  KDC_ERR_REVOKED_CERTIFICATE, via OCSP " + urls.ocsp() + " or the CRL " + urls.issuingCrl() + ").");
        out.println("Revocation: OCSP and CRLs served at " + urls.base() + "; revoke a certificate by adding"
                + " \"SERIALHEX keyCompromise\" to " + layout.revokedSerials() + ".");
        out.println("Why a certificate is accepted or refused: bin/pkinit-kdc explain --config " + kdcConf()
                + " --cert " + user("weak").certificate() + " --hint weak");
        out.println();
        out.println("PKCS#12 identities (empty password) work too: -X X509_user_identity=PKCS12:"
                + user("alice").pkcs12());
        out.println("Then: KRB5CCNAME=FILE:" + user("alice").ccache() + " klist");
        out.println("A service ticket (TGS-REQ): " + kvnoCommand(user("alice")));
        out.println("  it decrypts with the service's keytab: add -k " + layout.serviceKeytab("host"));
    }

    private LabUser toUser(LabAccount account) {
        LabLayout.EndEntityFiles files = layout.user(account.name());
        return new LabUser(account.name(), account.name() + "@" + realm(), account.userPrincipalName(realm()),
                files.certificate(), files.privateKey(), files.pkcs12(), layout.ccache(account.name()));
    }

    /**
     * The lab PKI, made if absent. An issuing CA that does not name the lab's root CRL as its distribution point
     * (a lab made before revocation, or whose revocation URL changed) is replaced under the same root; the
     * certificates it issued are then reissued by {@link #ensureEndEntity}.
     */
    private static LabPki loadOrCreatePki(LabLayout layout, String realm, LabRevocationUrls urls) throws IOException {
        if (!Files.exists(layout.rootCertificate())) {
            LabPki pki = LabPki.generate(realm, urls);
            pki.save(layout);
            return pki;
        }
        LabPki pki = LabPki.load(layout);
        if (!pki.realm().equals(realm)) {
            throw new IOException(layout.dir() + " holds a lab for realm " + pki.realm() + ", not " + realm
                    + "; use another --dir");
        }
        if (!pki.issuingCaPointsAt(urls)) {
            pki = pki.withNewIssuingCa(urls);
            pki.save(layout);
            LOG.info("lab: issued a new issuing CA with CRL distribution point {}", urls.rootCrl());
        }
        return pki;
    }

    /** Whether the certificate carries the account's SID extension exactly when the account wants one. */
    private static boolean carriesSid(X509Certificate cert, LabAccount account, String domainSid) {
        List<String> sids = CertificateSids.of(cert);
        return account.sidExtension() ? sids.equals(List.of(account.sid(domainSid).toUpperCase(Locale.ROOT)))
                : sids.isEmpty();
    }

    /** The altSecurityIdentities value (AD's stored form) of the account's explicit mapping, if it has one. */
    private static List<String> explicitMappings(LabAccount account, X509Certificate cert) {
        if (account.explicitMapping().isEmpty()) {
            return List.of();
        }
        return Stream.concat(AltSecurityIdentity.strongForms(cert).stream(), AltSecurityIdentity.weakForms(cert).stream())
                .filter(form -> form.method() == account.explicitMapping().get())
                .map(AltSecurityIdentity::adValue)
                .findFirst().map(List::of).orElseThrow();
    }

    /**
     * Issues a new certificate and key if either file is missing, the certificate was not issued by the current
     * issuing CA ({@code chain.get(0)}), or it is no longer {@code reusable}; (re)writes the PKCS#12 file if it is
     * missing.
     *
     * @return whether a new certificate was issued
     */
    private static boolean ensureEndEntity(LabLayout.EndEntityFiles files, List<X509Certificate> chain,
                                        Predicate<X509Certificate> reusable, Supplier<CertifiedKey> issue)
            throws IOException {
        if (Files.exists(files.certificate()) && Files.exists(files.privateKey())
                && issuedBy(PemFiles.certificate(files.certificate()), chain.get(0))
                && reusable.test(PemFiles.certificate(files.certificate()))) {
            if (!Files.exists(files.pkcs12())) {
                Pkcs12Files.write(files.pkcs12(), PemFiles.certifiedKey(files.certificate(), files.privateKey()),
                        chain);
            }
            return false;
        }
        CertifiedKey credential = issue.get();
        PemFileWriter.writeCertifiedKey(files.certificate(), files.privateKey(), credential);
        Pkcs12Files.write(files.pkcs12(), credential, chain);
        return true;
    }

    /** RFC 5280 6.1.3 (a)(1): the certificate's signature verifies with the CA's public key. */
    private static boolean issuedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
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
