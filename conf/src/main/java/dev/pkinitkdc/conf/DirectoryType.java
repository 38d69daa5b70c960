package dev.pkinitkdc.conf;

/** {@code [directory] type}: an LDAP server inside the KDC process, or an external one. */
public enum DirectoryType {
    EMBEDDED, LDAP
}
