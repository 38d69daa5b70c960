package dev.pkinitkdc.conf;

import java.util.Map;

/**
 * {@code [attributes]}: directory attribute names that differ from Active Directory's, keyed by the AD name in
 * lower case (e.g. {@code samaccountname = uid}). Empty: the directory uses AD's names.
 */
public record AttributeSettings(Map<String, String> renamed) {
    /** The AD names that can be renamed; {@code user} and {@code computer} are object classes. */
    public static final java.util.Set<String> KEYS = java.util.Set.of("user", "computer", "samaccountname",
            "userprincipalname", "altsecurityidentities", "objectsid", "useraccountcontrol", "accountexpires",
            "lockouttime", "whencreated", "memberof", "dnshostname");

    public AttributeSettings {
        renamed = Map.copyOf(renamed);
    }

    /** The directory's name for an AD attribute or class, e.g. {@code name("sAMAccountName")}. */
    public String name(String adName) {
        return renamed.getOrDefault(adName.toLowerCase(java.util.Locale.ROOT), adName);
    }
}
