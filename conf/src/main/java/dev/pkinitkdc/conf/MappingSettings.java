package dev.pkinitkdc.conf;

import java.time.Duration;

/**
 * {@code [mapping]}: how certificates map to accounts (MS-PKCA 3.1.5.2.1, KB5014754).
 *
 * @param enforcement StrongCertificateBindingEnforcement: OFF (0), COMPATIBILITY (1), FULL (2)
 * @param useSubjectAltName UseSubjectAltName: false ignores the SAN UPN, so only explicit mappings work
 * @param backdatingCompensation CertificateBackdatingCompensation: in compatibility mode, how long before the
 *        account's creation a weakly mapped certificate may have been issued
 */
public record MappingSettings(Enforcement enforcement, boolean useSubjectAltName, Duration backdatingCompensation) {
    public enum Enforcement { OFF, COMPATIBILITY, FULL }

    public static MappingSettings defaults() {
        return new MappingSettings(Enforcement.FULL, true, Duration.ZERO);
    }
}
