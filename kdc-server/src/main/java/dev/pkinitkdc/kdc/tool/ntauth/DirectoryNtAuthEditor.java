package dev.pkinitkdc.kdc.tool.ntauth;

import dev.pkinitkdc.kdc.stage.trust.ntauth.CaCertificateValues;
import dev.pkinitkdc.kdc.stage.trust.ntauth.NtAuthCa;
import dev.pkinitkdc.kdc.stage.trust.ntauth.NtAuthStore;
import dev.pkinitkdc.mapping.directory.NtAuthCertificates;
import java.io.IOException;
import java.io.PrintStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * {@code source = directory}: LDAP modify add/delete of one {@code cACertificate} value on the NTAuth object, as
 * {@code certutil -dspublish NTAuthCA} does in AD. With an embedded directory the live directory is the running
 * KDC's (its URL from {@code directory.url}, bound with {@code directory.secret}: anonymous writes are refused)
 * and the LDIF file is changed too, so the change survives a restart;
 * without a running KDC only the LDIF changes.
 */
final class DirectoryNtAuthEditor implements NtAuthStoreEditor {
    private final Optional<NtAuthCertificates> live;
    private final Optional<LdifNtAuthFile> ldif;
    private final String where;
    private final PrintStream out;

    DirectoryNtAuthEditor(Optional<NtAuthCertificates> live, Optional<LdifNtAuthFile> ldif, String where,
                          PrintStream out) {
        this.live = live;
        this.ldif = ldif;
        this.where = where;
        this.out = out;
    }

    @Override
    public NtAuthStore list() throws IOException {
        Optional<List<byte[]>> values = live.isPresent() ? live.get().read() : ldif.orElseThrow().read();
        // values that are not certificates (AD's 0x00 placeholder, garbage) are skipped, as the KDC skips them
        return NtAuthStore.of(CaCertificateValues.read(values.orElseThrow(
                () -> new IOException("the directory has no NTAuth object (" + where + ")"))).certificates());
    }

    @Override
    public void add(X509Certificate ca) throws IOException {
        change(der(ca), NtAuthCertificates::add, LdifNtAuthFile::add);
    }

    @Override
    public void remove(NtAuthCa ca) throws IOException {
        change(der(ca.certificate()), NtAuthCertificates::remove, LdifNtAuthFile::remove);
    }

    private interface Change<T> {
        void apply(T target, byte[] der) throws IOException;
    }

    /** The live directory first (it may refuse), then the LDIF. */
    private void change(byte[] der, Change<NtAuthCertificates> onLive, Change<LdifNtAuthFile> onLdif)
            throws IOException {
        if (live.isPresent()) {
            onLive.apply(live.get(), der);
        }
        if (ldif.isPresent()) {
            onLdif.apply(ldif.get(), der);
            out.println("LDIF " + ldif.get().describe() + " updated");
        }
    }

    private static byte[] der(X509Certificate cert) throws IOException {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IOException(e);
        }
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public void close() {
        live.ifPresent(NtAuthCertificates::close);
    }
}
