package dev.pkinitkdc.mapping;

/**
 * KB5014754's StrongCertificateBindingEnforcement (HKLM\SYSTEM\CurrentControlSet\Services\Kdc): what the KDC
 * does with a certificate that maps only weakly.
 */
public enum StrongMappingEnforcement {
    /** 0: weak mappings are accepted. */
    OFF,
    /** 1: weak mappings are accepted unless the certificate predates the account (backdating allowance aside). */
    COMPATIBILITY,
    /** 2: a weak mapping alone is refused with KDC_ERR_CERTIFICATE_MISMATCH; Windows' default since 2025. */
    FULL;

    /** From the registry value 0, 1 or 2. */
    public static StrongMappingEnforcement ofRegistryValue(int value) {
        return switch (value) {
            case 0 -> OFF;
            case 1 -> COMPATIBILITY;
            case 2 -> FULL;
            default -> throw new IllegalArgumentException("StrongCertificateBindingEnforcement " + value
                    + " is not 0, 1 or 2");
        };
    }
}
