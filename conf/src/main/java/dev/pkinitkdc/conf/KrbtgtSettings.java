package dev.pkinitkdc.conf;

import java.nio.file.Path;

/** {@code [krbtgt]}: the keytab with the keys of {@code krbtgt/REALM@REALM}. */
public record KrbtgtSettings(Path keytab) {
}
