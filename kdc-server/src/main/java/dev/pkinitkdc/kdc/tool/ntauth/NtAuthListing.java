package dev.pkinitkdc.kdc.tool.ntauth;

import dev.pkinitkdc.kdc.stage.trust.ntauth.NtAuthCa;
import dev.pkinitkdc.kdc.stage.trust.ntauth.NtAuthStore;
import java.io.PrintStream;
import java.security.cert.X509Certificate;

/** The store as {@code certutil -viewstore -enterprise NTAuth} shows it: one block per CA. */
final class NtAuthListing {
    private NtAuthListing() {
    }

    static void print(PrintStream out, String where, NtAuthStore store) {
        out.println("NTAuth store (" + where + "): " + store.cas().size() + " CA(s)");
        int index = 0;
        for (NtAuthCa ca : store.cas()) {
            out.println();
            out.println("================ Certificate " + index++ + " ================");
            print(out, ca);
        }
    }

    static void print(PrintStream out, NtAuthCa ca) {
        X509Certificate cert = ca.certificate();
        out.println("Subject: " + ca.subject());
        out.println("Issuer: " + cert.getIssuerX500Principal().getName());
        out.println("Serial Number: " + cert.getSerialNumber().toString(16));
        out.println("Cert Hash(sha1): " + ca.thumbprint());
        out.println("NotBefore: " + cert.getNotBefore().toInstant());
        out.println("NotAfter: " + cert.getNotAfter().toInstant());
    }
}
