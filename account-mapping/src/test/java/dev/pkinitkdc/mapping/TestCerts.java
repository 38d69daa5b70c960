package dev.pkinitkdc.mapping;

/** Public access to {@link CertBuilder} for tests in sub-packages. */
public final class TestCerts {
    private TestCerts() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Delegates to the package-private {@link CertBuilder}. */
    public static final class Builder {
        private final CertBuilder b = new CertBuilder();

        public Builder issuer(String dn) { b.issuer(dn); return this; }
        public Builder subject(String dn) { b.subject(dn); return this; }
        public Builder serial(java.math.BigInteger v) { b.serial(v); return this; }
        public Builder ski(byte[] v) { b.ski(v); return this; }
        public Builder email(String v) { b.email(v); return this; }
        public Builder sidUri(String v) { b.sidUri(v); return this; }
        public Builder sidExtension(String v) { b.sidExtension(v); return this; }
        public java.security.cert.X509Certificate build() { return b.build(); }
    }
}
