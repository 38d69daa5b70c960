package dev.pkinitkdc.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {
    @TempDir
    Path dir;

    private static final String MINIMAL = "# a lab KDC\n" + MinimalConfig.TEXT
            .replace("listen = tcp:127.0.0.1:88", "listen = udp:0.0.0.0:88, tcp:[::1]:8888")
            .replace("keytab = krbtgt.keytab", "keytab = /etc/krbtgt.keytab");

    private Path write(String text) throws IOException {
        Path file = dir.resolve("kdc.conf");
        Files.writeString(file, text);
        return file;
    }

    private ConfigException fails(String text) throws IOException {
        Path file = write(text);
        return assertThrows(ConfigException.class, () -> ConfigParser.parse(file));
    }

    private void assertError(String expectedAfterFile, String text) throws IOException {
        ConfigException e = fails(text);
        assertEquals(dir.resolve("kdc.conf") + ":" + expectedAfterFile, e.getMessage());
    }

    @Test
    void protocolOptionsAreRead() throws Exception {
        KdcConfig c = ConfigParser.parse(write(MINIMAL
                .replace("realm = LAB.EXAMPLE\n", "realm = LAB.EXAMPLE\nudp_max_reply = 4096\ncrypto_provider = jdk\n")
                .replace("key = kdc.key\n", "key = kdc.key\nocsp_staple = file\nocsp_staple_file = kdc.ocsp\n")
                + "[pkinit]\nrequire_freshness = true\nrequire_pa_checksum2 = true\n"));
        assertEquals(4096, c.kdc().udpMaxReply());
        assertEquals(KdcSettings.CryptoProvider.JDK, c.kdc().cryptoProvider());
        assertEquals(new PkinitSettings(2048, 256, true, true, true), c.pkinit());
        assertEquals(IdentitySettings.OcspStaple.FILE, c.identity().ocspStaple());
        assertEquals(Optional.of(dir.resolve("kdc.ocsp")), c.identity().ocspStapleFile());
        KdcConfig defaults = ConfigParser.parse(write(MINIMAL));
        assertEquals(KdcSettings.DEFAULT_UDP_MAX_REPLY, defaults.kdc().udpMaxReply());
        assertEquals(KdcSettings.CryptoProvider.AUTO, defaults.kdc().cryptoProvider());
        assertEquals(IdentitySettings.OcspStaple.OFF, defaults.identity().ocspStaple());
    }

    @Test
    void requestLimitsAreReadWithDefaultsAndBadValuesNameTheKey() throws Exception {
        assertEquals(RequestLimits.defaults(), ConfigParser.parse(write(MINIMAL)).kdc().limits());
        KdcConfig c = ConfigParser.parse(write(MINIMAL.replace("realm = LAB.EXAMPLE\n", "realm = LAB.EXAMPLE\n"
                + "max_pending_requests = 500\nmax_pending_requests_per_source = 20\nmax_tcp_connections = 300\n"
                + "max_tcp_connections_per_source = 10\ntcp_frame_deadline = 5s\nmax_request_size = 64KiB\n")));
        assertEquals(new RequestLimits(500, 20, 300, 10, Duration.ofSeconds(5), 65536), c.kdc().limits());
        refusedInKdc("max_request_size = 100", "[kdc] max_request_size: \"100\" is not between 4KiB and 16MiB");
        refusedInKdc("tcp_frame_deadline = 0", "[kdc] tcp_frame_deadline");
        refusedInKdc("max_tcp_connections = 0", "[kdc] max_tcp_connections");
    }

    /** A [kdc] section with {@code line} added is refused with a message containing {@code message}. */
    private void refusedInKdc(String line, String message) throws Exception {
        String text = fails(MINIMAL.replace("realm = LAB.EXAMPLE\n", "realm = LAB.EXAMPLE\n" + line + "\n"))
                .getMessage();
        assertTrue(text.contains(message), text);
    }

    @Test
    void signedAuthPackLimitsAreReadFromPkinit() throws Exception {
        KdcConfig c = ConfigParser.parse(write(MINIMAL + "[pkinit]\nmax_certificates = 4\nmax_certificate_bytes = 16KiB\n"
                + "allow_sha1_signature = true\nmin_rsa_bits = 3072\n"));
        assertEquals(new PkinitSettings(2048, 256, true, false, false, 4, 16 * 1024, true, 3072), c.pkinit());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigParser.parse(write(MINIMAL + "[pkinit]\nmax_certificates = 0\n")));
        assertTrue(e.getMessage().contains("max_certificates"), e.getMessage());
    }

    @Test
    void ocspStapleFileGoesWithFileMode() throws Exception {
        assertTrue(fails(MINIMAL.replace("key = kdc.key\n", "key = kdc.key\nocsp_staple = file\n"))
                .getMessage().contains("ocsp_staple_file"));
        assertTrue(fails(MINIMAL.replace("key = kdc.key\n", "key = kdc.key\nocsp_staple_file = x\n"))
                .getMessage().contains("only applies to ocsp_staple = file"));
        assertTrue(fails(MINIMAL.replace("key = kdc.key\n", "key = kdc.key\nocsp_staple = always\n"))
                .getMessage().contains("not off, fetch or file"));
    }

    @Test
    void minimalFileGetsDefaultsAndResolvedPaths() throws Exception {
        Path file = write(MINIMAL);
        KdcConfig c = ConfigParser.parse(file);

        assertEquals(file, c.file());
        assertEquals(new KdcSettings("LAB.EXAMPLE",
                List.of(new ListenAddress(Transport.UDP, "0.0.0.0", 88), new ListenAddress(Transport.TCP, "::1", 8888)),
                Duration.ofSeconds(300), Duration.ofHours(10), Duration.ofDays(7),
                List.of("aes256-cts-hmac-sha384-192", "aes128-cts-hmac-sha256-128", "aes256-cts-hmac-sha1-96",
                        "aes128-cts-hmac-sha1-96"),
                Runtime.getRuntime().availableProcessors()), c.kdc());
        assertEquals(Duration.ofSeconds(10), c.kdc().shutdownGrace());
        assertEquals(new IdentitySettings(Optional.of(dir.resolve("kdc.pem")), Optional.of(dir.resolve("kdc.key")),
                Optional.empty(), Optional.empty(), List.of(), Duration.ofSeconds(5)), c.identity());
        assertEquals(new TrustSettings(List.of(dir.resolve("ca.pem")), List.of(), false, 5, false, List.of(), false,
                Duration.ofSeconds(2), Duration.ZERO, TrustSettings.DEFAULT_MAX_PATH_CANDIDATES, List.of()), c.trust());
        assertEquals(new PkinitSettings(2048), c.pkinit());
        assertEquals(new DirectorySettings(DirectoryType.EMBEDDED, "DC=lab,DC=example", List.of(), "127.0.0.1", 0,
                List.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(5), 8, DirectorySettings.Tls.NONE,
                Optional.empty()), c.directory());
        assertEquals(new KrbtgtSettings(Path.of("/etc/krbtgt.keytab")), c.krbtgt());
        assertEquals(MappingSettings.defaults(), c.mapping());
        assertEquals(new AttributeSettings(java.util.Map.of()), c.attributes());
        assertEquals(new NtAuthSettings(NtAuthSettings.Source.DIRECTORY, List.of(), Duration.ofSeconds(60)), c.ntauth());
        assertEquals(RevocationSettings.defaults(), c.revocation());
        assertEquals(new RevocationSettings(RevocationSettings.Mode.HARD_FAIL,
                List.of(RevocationSettings.Source.OCSP, RevocationSettings.Source.CRL), RevocationSettings.Scope.CHAIN,
                Optional.empty(), Duration.ofSeconds(5), Duration.ZERO, false, Duration.ofSeconds(10), Duration.ZERO,
                List.of(), Optional.empty(), Duration.ofSeconds(60), 128L << 20,
                Duration.ofDays(7),
                RevocationSettings.Redirects.NONE,
                4), c.revocation());
        assertEquals("tcp:[::1]:8888", c.kdc().listen().get(1).toString());
    }

    @Test
    void everyKeyGiven() throws Exception {
        Path file = write("""
                [kdc]
                realm = LAB.EXAMPLE
                listen = tcp:kdc.lab.example:88
                max_clock_skew = 5m
                ticket_lifetime = 36000s
                renewable_lifetime = 2d
                enctypes = aes128-cts-hmac-sha1-96
                workers = 3
                ; PKCS#12 instead of PEM
                [identity]
                pkcs12 = sub/kdc.p12
                pkcs12_password_file = ../secret
                chain = ca.pem, root.pem
                reload_interval = 30s
                [trust]
                anchors = a1.pem,a2.pem
                intermediates = i.pem
                allow_sha1 = yes
                max_path_length = 2
                allow_no_eku = true
                fetch_ca_issuers = true
                ca_issuers_timeout = 3s
                ca_issuers_allowed_hosts = PKI.lab.example, 192.0.2.7
                max_path_candidates = 40
                validity_skew = 5m
                allowed_ca_thumbprints = 4a:dc:79:42:4a:e4:89:2f:f2:3b:d8:08:50:5b:2a:19:90:26:fd:da, 0123456789abcdef0123456789ABCDEF01234567
                [pkinit]
                dh_min_bits = 4096
                ecdh_min_bits = 384
                rsa_key_transport = false
                [directory]
                type = ldap
                base_dn = DC=lab,DC=example
                url = ldaps://dc1.lab.example, ldap://dc2.lab.example:389
                bind_dn = CN=kdc,CN=Users,DC=lab,DC=example
                bind_password_file = bind.pw
                timeout = 10
                pool_size = 2
                ca_file = dc-ca.pem
                [krbtgt]
                keytab = krbtgt.keytab
                [mapping]
                strong_mapping_enforcement = compatibility
                use_subject_alt_name = false
                backdating_compensation = 10m
                [attributes]
                samaccountname = uid
                user = inetOrgPerson
                """);
        KdcConfig c = ConfigParser.parse(file);

        assertEquals(Duration.ofMinutes(5), c.kdc().maxClockSkew());
        assertEquals(Duration.ofHours(10), c.kdc().ticketLifetime());
        assertEquals(Duration.ofDays(2), c.kdc().renewableLifetime());
        assertEquals(List.of("aes128-cts-hmac-sha1-96"), c.kdc().enctypes());
        assertEquals(3, c.kdc().workers());
        assertEquals(new IdentitySettings(Optional.empty(), Optional.empty(), Optional.of(dir.resolve("sub/kdc.p12")),
                Optional.of(dir.getParent().resolve("secret")), List.of(dir.resolve("ca.pem"), dir.resolve("root.pem")),
                Duration.ofSeconds(30)), c.identity());
        assertEquals(new TrustSettings(List.of(dir.resolve("a1.pem"), dir.resolve("a2.pem")),
                List.of(dir.resolve("i.pem")), true, 2, true,
                List.of("4ADC79424AE4892FF23BD808505B2A199026FDDA", "0123456789ABCDEF0123456789ABCDEF01234567"), true,
                Duration.ofSeconds(3), Duration.ofMinutes(5), 40, List.of("pki.lab.example", "192.0.2.7")), c.trust());
        assertEquals(new PkinitSettings(4096, 384, false, false, false), c.pkinit());
        assertEquals(new DirectorySettings(DirectoryType.LDAP, "DC=lab,DC=example", List.of(), "127.0.0.1", 0,
                List.of(URI.create("ldaps://dc1.lab.example"), URI.create("ldap://dc2.lab.example:389")),
                Optional.of("CN=kdc,CN=Users,DC=lab,DC=example"), Optional.of(dir.resolve("bind.pw")),
                Duration.ofSeconds(10), 2, DirectorySettings.Tls.LDAPS, Optional.of(dir.resolve("dc-ca.pem"))),
                c.directory());
        assertEquals(dir.resolve("krbtgt.keytab"), c.krbtgt().keytab());
        assertEquals(new MappingSettings(MappingSettings.Enforcement.COMPATIBILITY, false, Duration.ofMinutes(10)),
                c.mapping());
        assertEquals("uid", c.attributes().name("sAMAccountName"));
        assertEquals("inetOrgPerson", c.attributes().name("user"));
        assertEquals("userPrincipalName", c.attributes().name("userPrincipalName"));
    }

    @Test
    void badEnforcementModeAndTlsAreNamed() throws Exception {
        assertError("20: [mapping] strong_mapping_enforcement: \"strict\" is not an enforcement mode (full, compatibility, off)",
                MINIMAL + "[mapping]\nstrong_mapping_enforcement = strict\n");
        assertError("20: [attributes] samaccount: unknown key", MINIMAL + "[attributes]\nsamaccount = uid\n");
    }

    @Test
    void embeddedDirectoryListenAndIgnoredUrl() throws Exception {
        KdcConfig c = ConfigParser.parse(write(MINIMAL.replace("type = embedded",
                "type = embedded\nlisten = [::1]:10389\nldif = users.ldif\nurl = ldap://ignored")));
        assertEquals("::1", c.directory().embeddedListenHost());
        assertEquals(10389, c.directory().embeddedListenPort());
        assertEquals(List.of(dir.resolve("users.ldif")), c.directory().ldif());
        assertEquals(List.of(), c.directory().urls());
    }

    @Test
    void unknownSection() throws Exception {
        assertError("20: [kerberos]: unknown section", MINIMAL + "\n[kerberos]\nx = 1\n");
    }

    @Test
    void unknownKey() throws Exception {
        assertError("4: [kdc] max_skew: unknown key", MINIMAL.replace("listen =", "max_skew = 5\nlisten ="));
    }

    @Test
    void duplicateKey() throws Exception {
        assertError("4: [kdc] realm: given twice (first on line 3)",
                MINIMAL.replace("listen =", "realm = OTHER\nlisten ="));
    }

    @Test
    void missingRequiredKeyPointsAtSectionHeader() throws Exception {
        assertError("2: [kdc] realm: is required", MINIMAL.replace("realm = LAB.EXAMPLE\n", ""));
        assertError("10: [trust] anchors: is required", MINIMAL.replace("anchors = ca.pem\n", ""));
    }

    @Test
    void fetchingCaIssuersNeedsAnAllowListOfHostsAndHostsAreBareNames() throws Exception {
        assertError("12: [trust] fetch_ca_issuers: needs ca_issuers_allowed_hosts (the hosts of your CAs' AIA URLs)",
                MINIMAL.replace("anchors = ca.pem\n", "anchors = ca.pem\nfetch_ca_issuers = true\n"));
        for (String bad : List.of("http://pki.lab.example", "pki.lab.example:80", "pki.lab.example/ca", "*.example",
                "user@pki", "-x")) {
            ConfigException e = fails(MINIMAL.replace("anchors = ca.pem\n",
                    "anchors = ca.pem\nfetch_ca_issuers = true\nca_issuers_allowed_hosts = " + bad + "\n"));
            assertEquals(Optional.of("ca_issuers_allowed_hosts"), e.key(), bad);
        }
        assertEquals(List.of("[::1]", "127.0.0.1", "pki"), ConfigParser.parse(write(MINIMAL.replace("anchors = ca.pem\n",
                "anchors = ca.pem\nfetch_ca_issuers = true\nca_issuers_allowed_hosts = [::1], 127.0.0.1, PKI\n")))
                .trust().caIssuersAllowedHosts());
    }

    @Test
    void missingSectionIsLineZero() throws Exception {
        assertError("0: [krbtgt] keytab: is required", MINIMAL.replace("[krbtgt]\nkeytab = /etc/krbtgt.keytab\n", ""));
    }

    @Test
    void badDuration() throws Exception {
        assertError("4: [kdc] max_clock_skew: \"5 minutes\" is not a duration (e.g. 300, 300s, 5m)",
                MINIMAL.replace("listen =", "max_clock_skew = 5 minutes\nlisten ="));
    }

    @Test
    void badListenAddress() throws Exception {
        ConfigException e = fails(MINIMAL.replace("tcp:[::1]:8888", "tcp:::1:88"));
        assertTrue(e.getMessage().startsWith(dir.resolve("kdc.conf")
                + ":4: [kdc] listen: \"tcp:::1:88\" is not a listen address (e.g. udp:0.0.0.0:88, tcp:[::1]:88)"),
                e.getMessage());
        assertEquals(4, e.line());
        assertEquals(Optional.of("listen"), e.key());
        assertEquals(Optional.of("kdc"), e.section());
        for (String bad : List.of("sctp:h:88", "udp:h", "udp:h:99999", "udp::88", "tcp:[]:88", "udp:h:x")) {
            ConfigException each = fails(MINIMAL.replace("tcp:[::1]:8888", bad));
            assertTrue(each.getMessage().contains(":4: [kdc] listen: \"" + bad + "\" is not a listen address"),
                    each.getMessage());
        }
    }

    @Test
    void serviceKeytabsAreReadAndABadPathNamesTheKey() throws Exception {
        assertEquals(ServicesSettings.NONE, ConfigParser.parse(write(MINIMAL)).services());
        assertEquals(List.of(dir.resolve("host.keytab"), Path.of("/etc/keytabs")), ConfigParser.parse(write(MINIMAL
                + "[services]\nkeytabs = host.keytab, /etc/keytabs\n")).services().keytabs());
        ConfigException e = fails(MINIMAL + "[services]\nkeytabs = host.keytab, a\u0000b\n");
        assertEquals(Optional.of("services"), e.section(), e.getMessage());
        assertEquals(Optional.of("keytabs"), e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.resolve("kdc.conf") + ":20: [services] keytabs: "), e.getMessage());
    }

    @Test
    void ticketEnctypesDefaultToAes256Sha1FirstAndMayNameRfc8009Types() throws Exception {
        assertEquals(List.of("aes256-cts-hmac-sha1-96", "aes128-cts-hmac-sha1-96", "aes256-cts-hmac-sha384-192",
                "aes128-cts-hmac-sha256-128"), ConfigParser.parse(write(MINIMAL)).krbtgt().ticketEnctypes());
        assertEquals(List.of("aes256-cts-hmac-sha384-192", "aes256-cts-hmac-sha1-96"), ConfigParser.parse(write(MINIMAL.replace(
                "keytab = /etc/krbtgt.keytab\n", "keytab = /etc/krbtgt.keytab\nticket_enctypes = "
                        + "AES256-CTS-HMAC-SHA384-192, aes256-cts-hmac-sha1-96\n"))).krbtgt().ticketEnctypes());
    }

    @Test
    void badTicketEnctype() throws Exception {
        String conf = MINIMAL.replace("keytab = /etc/krbtgt.keytab\n",
                "keytab = /etc/krbtgt.keytab\nticket_enctypes = rc4-hmac\n");
        int line = List.of(conf.split("\n")).indexOf("ticket_enctypes = rc4-hmac") + 1;
        assertError(line + ": [krbtgt] ticket_enctypes: \"rc4-hmac\" is not a supported enctype (supported: "
                        + "aes256-cts-hmac-sha384-192, aes128-cts-hmac-sha256-128, aes256-cts-hmac-sha1-96, "
                        + "aes128-cts-hmac-sha1-96)", conf);
    }

    @Test
    void badEnctype() throws Exception {
        assertError("4: [kdc] enctypes: \"des-cbc-crc\" is not a supported enctype (supported: "
                        + "aes256-cts-hmac-sha384-192, aes128-cts-hmac-sha256-128, aes256-cts-hmac-sha1-96, "
                        + "aes128-cts-hmac-sha1-96)",
                MINIMAL.replace("listen =", "enctypes = aes256-cts-hmac-sha1-96, des-cbc-crc\nlisten ="));
    }

    @Test
    void bothCertificateAndPkcs12() throws Exception {
        assertError("9: [identity] pkcs12: give certificate and key, or pkcs12, not both",
                MINIMAL.replace("key = kdc.key\n", "key = kdc.key\npkcs12 = kdc.p12\n"));
    }

    @Test
    void identityNeedsCertificateAndKeyOrPkcs12() throws Exception {
        assertError("6: [identity] key: is required with certificate", MINIMAL.replace("key = kdc.key\n", ""));
        assertError("6: [identity] certificate: is required (give certificate and key, or pkcs12)",
                MINIMAL.replace("certificate = kdc.pem\nkey = kdc.key\n", ""));
        assertError("9: [identity] pkcs12_password_file: only applies to pkcs12",
                MINIMAL.replace("key = kdc.key\n", "key = kdc.key\npkcs12_password_file = pw\n"));
    }

    @Test
    void ldapDirectoryNeedsUrl() throws Exception {
        assertError("13: [directory] url: is required", MINIMAL.replace("type = embedded", "type = ldap"));
        assertError("15: [directory] url: \"http://dc1\" is not an ldap:// or ldaps:// URL with a host",
                MINIMAL.replace("type = embedded", "type = ldap\nurl = http://dc1"));
    }

    @Test
    void syntaxErrors() throws Exception {
        assertError("1: realm: key outside any [section]", "realm = X\n" + MINIMAL);
        assertError("3: [kdc]: \"realm LAB\" is not a \"key = value\" line", MINIMAL.replace("realm = LAB.EXAMPLE",
                "realm LAB"));
        assertError("2: \"[kdc\" is not a [section] header", MINIMAL.replace("[kdc]", "[kdc"));
    }

    @Test
    void ntauthFilesAndRefreshInterval() throws Exception {
        KdcConfig c = ConfigParser.parse(write(MINIMAL + "\n[ntauth]\nsource = files\nfiles = ntauth, /etc/ca.der\n"
                + "refresh_interval = 5s\n"));
        assertEquals(new NtAuthSettings(NtAuthSettings.Source.FILES, List.of(dir.resolve("ntauth"), Path.of("/etc/ca.der")),
                Duration.ofSeconds(5)), c.ntauth());
    }

    @Test
    void ntauthFilesNeedSourceFilesAndSourceFilesNeedsFiles() throws Exception {
        String withFiles = MINIMAL + "\n[ntauth]\nsource = directory\nfiles = ca.pem\n";
        assertError("22: [ntauth] files: only used with source = files", withFiles);
        assertError("20: [ntauth] files: is required", MINIMAL + "\n[ntauth]\nsource = files\n");
        assertError("21: [ntauth] source: \"ad\" is not an NTAuth source (directory, files, off)",
                MINIMAL + "\n[ntauth]\nsource = ad\n");
    }

    @Test
    void everyRevocationKeyGiven() throws Exception {
        KdcConfig c = ConfigParser.parse(write(MINIMAL + """

                [revocation]
                mode = soft_fail
                order = crl
                scope = end_entity
                ocsp_responder = http://ocsp.lab.example:8080/ocsp
                ocsp_timeout = 2s
                ocsp_grace = 24h
                ocsp_nonce = true
                crl_timeout = 1m
                crl_grace = 2000h
                crl_mirror = crls, /srv/crl/issuing.crl
                crl_cache_dir = cache
                crl_mirror_poll = 5s
                crl_max_size = 64MiB
                ocsp_max_age = 36h
                redirects = same_origin
                max_fetches_per_host = 8
                """));

        assertEquals(new RevocationSettings(RevocationSettings.Mode.SOFT_FAIL, List.of(RevocationSettings.Source.CRL),
                RevocationSettings.Scope.END_ENTITY, Optional.of(URI.create("http://ocsp.lab.example:8080/ocsp")),
                Duration.ofSeconds(2), Duration.ofHours(24), true, Duration.ofMinutes(1), Duration.ofHours(2000),
                List.of(dir.resolve("crls"), Path.of("/srv/crl/issuing.crl")), Optional.of(dir.resolve("cache")),
                Duration.ofSeconds(5), 64L << 20,
                Duration.ofHours(36),
                RevocationSettings.Redirects.SAME_ORIGIN,
                8), c.revocation());
    }

    @Test
    void revocationModesOrderAndSizes() throws Exception {
        for (String mode : List.of("hard_fail", "soft_fail", "cached_only", "off")) {
            assertEquals(mode, ConfigParser.parse(write(MINIMAL + "[revocation]\nmode = " + mode + "\n"))
                    .revocation().mode().name().toLowerCase());
        }
        assertEquals(List.of(RevocationSettings.Source.CRL, RevocationSettings.Source.OCSP),
                ConfigParser.parse(write(MINIMAL + "[revocation]\norder = crl, ocsp\n")).revocation().order());
        assertEquals(512L * 1024, ConfigParser.parse(write(MINIMAL + "[revocation]\ncrl_max_size = 512KiB\n"))
                .revocation().crlMaxBytes());
        assertEquals(1000L, ConfigParser.parse(write(MINIMAL + "[revocation]\ncrl_max_size = 1000\n"))
                .revocation().crlMaxBytes());
    }

    @Test
    void badRevocationValuesNameFileLineAndKey() throws Exception {
        String head = MINIMAL + "\n[revocation]\n";
        assertError("21: [revocation] mode: \"strict\" is not a revocation mode (hard_fail, soft_fail, cached_only, off)",
                head + "mode = strict\n");
        assertError("21: [revocation] order: ocsp is given twice", head + "order = ocsp, crl, ocsp\n");
        assertError("21: [revocation] order: \"ldap\" is not a revocation source (ocsp, crl)",
                head + "order = ocsp, ldap\n");
        assertError("21: [revocation] order: needs at least one value", head + "order = ,\n");
        assertError("21: [revocation] scope: \"all\" is not a revocation scope (end_entity, chain)",
                head + "scope = all\n");
        assertError("21: [revocation] crl_grace: \"2001h\" is more than the 2000h maximum", head + "crl_grace = 2001h\n");
        assertError("21: [revocation] ocsp_grace: \"48\" needs a unit, e.g. 48h (0h to 2000h)", head + "ocsp_grace = 48\n");
        assertError("21: [revocation] ocsp_max_age: \"604800\" needs a unit, e.g. 7d, 168h or 3600s",
                head + "ocsp_max_age = 604800\n");
        assertError("21: [revocation] ocsp_max_age: must be more than 0", head + "ocsp_max_age = 0d\n");
        assertError("21: [revocation] ocsp_responder: \"ldap://x\" is not an http:// URL with a host",
                head + "ocsp_responder = ldap://x\n");
        assertError("21: [revocation] ocsp_timeout: must be more than 0", head + "ocsp_timeout = 0\n");
        assertError("21: [revocation] crl_max_size: \"12MB\" is not a size (e.g. 128MiB, 512KiB, 1048576)",
                head + "crl_max_size = 12MB\n");
        assertError("21: [revocation] crl_timeout: \"soon\" is not a duration (e.g. 300, 300s, 5m)",
                head + "crl_timeout = soon\n");
        assertError("21: [revocation] ocsp_nonce: \"maybe\" is not true or false", head + "ocsp_nonce = maybe\n");
        assertError("22: [revocation] cache_dir: crl_cache_dir is its older spelling and is given too; keep cache_dir",
                head + "crl_cache_dir = old\ncache_dir = new\n");
        assertError("21: [revocation] redirects: \"any\" is not a redirect policy (none, same_origin)",
                head + "redirects = any\n");
        assertError("21: [revocation] max_fetches_per_host: \"0\" is not a positive whole number",
                head + "max_fetches_per_host = 0\n");
        assertError("21: [revocation] max_fetches_per_host: \"65\" is more than the 64 maximum",
                head + "max_fetches_per_host = 65\n");
    }

    @Test
    void theRevocationCacheFolderIsCacheDirOrItsOlderSpellingCrlCacheDir() throws Exception {
        for (String key : List.of("cache_dir", "crl_cache_dir")) {
            assertEquals(Optional.of(dir.resolve("revocation-cache")), ConfigParser.parse(write(MINIMAL
                    + "[revocation]\n" + key + " = revocation-cache\n")).revocation().cacheDir(), key);
        }
    }
}
