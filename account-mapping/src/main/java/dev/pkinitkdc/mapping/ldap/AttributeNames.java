package dev.pkinitkdc.mapping.ldap;

import java.util.List;

/** The object class and attribute names the directory uses for accounts; {@link #activeDirectory()} by default. */
public record AttributeNames(String userObjectClass, String samAccountName, String userPrincipalName,
                             String altSecurityIdentities, String objectSid, String userAccountControl,
                             String accountExpires, String lockoutTime, String whenCreated, String memberOf) {

    /** Active Directory's names (MS-ADA3 / MS-ADA1). */
    public static AttributeNames activeDirectory() {
        return new AttributeNames("user", "sAMAccountName", "userPrincipalName", "altSecurityIdentities",
                "objectSid", "userAccountControl", "accountExpires", "lockoutTime", "whenCreated", "memberOf");
    }

    /**
     * Every attribute a search asks for: all the mapping decides by (altSecurityIdentities, objectSid,
     * userAccountControl, accountExpires, lockoutTime, whenCreated, objectClass) come with the account's search,
     * so the checks cost no further search.
     */
    public List<String> all() {
        return List.of(samAccountName, userPrincipalName, altSecurityIdentities, objectSid, userAccountControl,
                accountExpires, lockoutTime, whenCreated, memberOf, "objectClass");
    }

    /**
     * Each attribute a search asks for, keyed by its AD name: the mapping decides by AD names whatever the
     * directory calls the attribute.
     */
    public java.util.Map<String, String> byActiveDirectoryName() {
        List<String> ad = activeDirectory().all();
        List<String> here = all();
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < ad.size(); i++) {
            out.put(ad.get(i), here.get(i));
        }
        return out;
    }
}
