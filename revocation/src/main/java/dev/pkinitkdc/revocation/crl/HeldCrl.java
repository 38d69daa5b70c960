package dev.pkinitkdc.revocation.crl;

/**
 * A parsed CRL and where it came from: a distribution point URL or a mirror file.
 */
record HeldCrl(String location, CertificateList crl) {
}
