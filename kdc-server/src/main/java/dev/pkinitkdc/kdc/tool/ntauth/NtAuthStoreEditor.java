package dev.pkinitkdc.kdc.tool.ntauth;

import dev.pkinitkdc.kdc.stage.trust.ntauth.NtAuthCa;
import dev.pkinitkdc.kdc.stage.trust.ntauth.NtAuthStore;
import java.io.IOException;
import java.security.cert.X509Certificate;

/** Changes the configured NTAuth store, as {@code certutil -dspublish NTAuthCA} / {@code -viewdelstore} do. */
interface NtAuthStoreEditor extends AutoCloseable {
    NtAuthStore list() throws IOException;

    void add(X509Certificate ca) throws IOException;

    void remove(NtAuthCa ca) throws IOException;

    /** Where the changes go, for the tool's output. */
    String describe();

    @Override
    void close();
}
