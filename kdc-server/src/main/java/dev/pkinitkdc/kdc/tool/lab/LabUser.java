package dev.pkinitkdc.kdc.tool.lab;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A lab user's files and names.
 *
 * @param principal        the Kerberos principal, {@code name@REALM}
 * @param enterpriseName   the UPN kinit can ask for with {@code -E}, if the account has one
 */
public record LabUser(String name, String principal, Optional<String> enterpriseName,
                      Path certificate, Path privateKey, Path pkcs12, Path ccache) {
}
