package dev.pkinitkdc.mapping.testing;

import java.nio.file.Path;

/** The certificate (PEM, the server's first, then its chain) and private key (PEM) slapd serves TLS with. */
public record ServerTls(Path certificate, Path key) {
}
