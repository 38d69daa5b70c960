package dev.pkinitkdc.mapping;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A real LDAP server for tests: UnboundID's in-memory server on 127.0.0.1 without schema checking, seeded with
 * {@link #seed()}: {@code DC=lab,DC=example}, {@code CN=Users}, alice (UPN alice@lab.example, an objectSid) and
 * bob (no UPN). {@link SlapdLabDirectory} serves the same seed from OpenLDAP.
 */
final class LabDirectory implements TestDirectory {
    static final String BASE = "DC=lab,DC=example";
    static final String USERS = "CN=Users," + BASE;
    /** S-1-5-21-1-2-3-1104 in binary (MS-DTYP 2.4.2.2). */
    static final byte[] ALICE_SID = {1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0,
            0x50, 0x04, 0, 0};

    private final List<Entry> extra = new ArrayList<>();
    private InMemoryDirectoryServer server;
    private int port;

    LabDirectory() throws LDAPException, UnknownHostException {
        start(0);
    }

    private void start(int listenPort) throws LDAPException, UnknownHostException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                InetAddress.getByName("127.0.0.1"), listenPort, null));
        server = new InMemoryDirectoryServer(config);
        for (Entry e : seed()) {
            server.add(e);
        }
        for (Entry e : extra) {
            server.add(e);
        }
        server.startListening();
        port = server.getListenPort();
    }

    /** The base entry, CN=Users, alice and bob. */
    static List<Entry> seed() {
        return List.of(
                new Entry(BASE, new Attribute("objectClass", "top", "domain"), new Attribute("dc", "lab")),
                new Entry(USERS, new Attribute("objectClass", "top", "container"), new Attribute("cn", "Users")),
                user("alice", "alice@lab.example", new Attribute("userAccountControl", "512"),
                        new Attribute("objectSid", ALICE_SID)),
                user("bob", null));
    }

    /** A user entry; sn because OpenLDAP's person (RFC 4519) requires it, unlike AD's. */
    static Entry user(String sam, String upn, Attribute... more) {
        Entry entry = new Entry("CN=" + sam + "," + USERS,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("cn", sam), new Attribute("sn", sam), new Attribute("sAMAccountName", sam));
        for (Attribute a : more) {
            entry.addAttribute(a);
        }
        if (upn != null) {
            entry.addAttribute("userPrincipalName", upn);
        }
        return entry;
    }

    void addUser(String sam, String upn, Attribute... more) throws LDAPException {
        server.add(user(sam, upn, more));
    }

    /** A computer account: objectClass computer (a subclass of user, as in AD), sAMAccountName {@code host$}. */
    void addComputer(String sam, Attribute... more) throws LDAPException {
        Entry entry = new Entry("CN=" + sam.replace("$", "") + "," + USERS,
                new Attribute("objectClass", "top", "person", "organizationalPerson", "user", "computer"),
                new Attribute("sAMAccountName", sam));
        for (Attribute a : more) {
            entry.addAttribute(a);
        }
        server.add(entry);
    }

    /** Adds a user that survives {@link #restart()}. */
    void addExtraUser(String sam, String upn) throws LDAPException {
        addUser(sam, upn);
        extra.add(server.getEntry("CN=" + sam + "," + USERS));
    }

    /** An anonymous LDAP client for this directory (2 s timeout, 2 connections) searching on {@code executor}. */
    dev.pkinitkdc.mapping.ldap.LdapAccountDirectory client(java.util.concurrent.ExecutorService executor) {
        return new dev.pkinitkdc.mapping.ldap.LdapAccountDirectory(dev.pkinitkdc.mapping.ldap.LdapDirectorySettings
                .anonymous(List.of(url()), BASE, java.time.Duration.ofSeconds(2), 2), executor);
    }

    @Override
    public URI url() {
        return URI.create("ldap://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        server.shutDown(true);
    }

    /** A fresh server with the same data on the same port. */
    @Override
    public void restart() throws LDAPException, UnknownHostException {
        start(port);
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
