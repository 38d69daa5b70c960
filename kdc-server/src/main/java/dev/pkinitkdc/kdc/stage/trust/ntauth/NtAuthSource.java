package dev.pkinitkdc.kdc.stage.trust.ntauth;

import java.io.IOException;

/** Where the NTAuth store is read from: the directory's NTAuth object, or certificate files. */
public interface NtAuthSource {
    /** Reads the whole store; a failure leaves the caller's last good snapshot in place. */
    NtAuthStore load() throws IOException;

    /** For logs, e.g. {@code directory CN=NTAuthCertificates,...}. */
    String describe();
}
