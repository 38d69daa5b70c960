package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import dev.pkinitkdc.kdc.support.directory.DirectoryUrlFile;
import dev.pkinitkdc.kdc.support.identity.KdcCertificateCheck;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.kdc.tool.ntauth.NtAuthCommand;
import dev.pkinitkdc.mapping.directory.NtAuthCertificates;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NTAuth rule end to end (MS-PKCA 3.1.5.2.1.1): the real MIT kinit against the lab KDC with its embedded
 * directory and {@code [ntauth] refresh_interval = 1s}. {@code pkinit-kdc ntauth remove} of the lab issuing CA
 * makes logons fail with KDC_ERR_CLIENT_NOT_TRUSTED (62), {@code ntauth add} lets them in again — both taken up
 * by the running KDC without a restart.
 */
class NtAuthToolTest {
    private static final int CLIENT_NOT_TRUSTED = 62;

    @TempDir
    static Path dir;
    static LabKdc kdc;

    @BeforeAll
    static void startLab() throws Exception {
        kdc = LabKdc.start(dir.resolve("lab"), "",
                conf -> conf.replace("refresh_interval = 60s", "refresh_interval = 1s"));
    }

    @AfterAll
    static void stopLab() {
        if (kdc != null) {
            kdc.close();
        }
    }

    private static MitKinit.Result aliceKinit() throws Exception {
        LabUser alice = kdc.lab.user("alice");
        return MitKinit.run(kdc.lab.krb5Conf(), dir, "alice", "FILE:" + alice.certificate() + "," + alice.privateKey(),
                "alice");
    }

    private static String ntauth(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = kdc.conf.toString();
        int exit = NtAuthCommand.run(withConfig, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, out);
        return out;
    }

    /**
     * What anyone on the host could do before: remove the lab issuing CA from NTAuth, or add their own, with an
     * anonymous LDAP modify, and list every account. Refused; the tool binds with the secret in the lab folder,
     * which only its owner reads.
     */
    @Test
    void anAnonymousLdapWriteToTheRunningDirectoryIsRefusedAndTheToolsSecretIsOwnerOnly() throws Exception {
        LDAPURL url = new LDAPURL(DirectoryUrlFile.read(kdc.conf).orElseThrow().toString());
        String ntAuth = NtAuthCertificates.dn(kdc.lab.baseDn());
        try (LDAPConnection anonymous = new LDAPConnection(url.getHost(), url.getPort())) {
            LDAPException e = assertThrows(LDAPException.class, () -> anonymous.modify(ntAuth,
                    new Modification(ModificationType.DELETE, NtAuthCertificates.BINARY_ATTRIBUTE)));
            assertTrue(e.getResultCode() == ResultCode.INSUFFICIENT_ACCESS_RIGHTS
                    || e.getResultCode() == ResultCode.UNWILLING_TO_PERFORM, e::toString);
            LDAPException read = assertThrows(LDAPException.class, () -> anonymous.search(kdc.lab.baseDn(),
                    SearchScope.SUB, "(sAMAccountName=alice)"));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, read.getResultCode(), read::toString);
        }
        assertTrue(ntauth("list").contains("Cert Hash(sha1): "), "the NTAuth store still holds the CA");
        Path secret = kdc.conf.resolveSibling("directory.secret");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(secret));
    }

    @Test
    void removingTheIssuingCaRefusesWith62AndAddingItBackAcceptsAgainWithoutARestart() throws Exception {
        Path issuingPem = kdc.lab.layout().issuingCertificate();
        String thumbprint = KdcCertificateCheck.thumbprint(PemFiles.certificates(issuingPem).get(0));
        MitKinit.Result before = aliceKinit();
        assertEquals(0, before.exitCode(), before::toString);

        String listed = ntauth("list");
        assertTrue(listed.contains("Cert Hash(sha1): " + thumbprint), listed);

        ntauth("remove", thumbprint);
        assertFalse(Files.readString(kdc.lab.layout().directoryLdif()).contains("cACertificate"),
                "the LDIF lost the value too, so the removal survives a restart");
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> aliceKinit().kdcErrors().contains(CLIENT_NOT_TRUSTED));
        MitKinit.Result refused = aliceKinit();
        assertTrue(refused.exitCode() != 0, refused::toString);

        ntauth("add", issuingPem.toString());
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> aliceKinit().exitCode() == 0);
        assertTrue(ntauth("list").contains(thumbprint));
    }
}
