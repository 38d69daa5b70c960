package dev.pkinitkdc.mapping;

import com.unboundid.ldap.sdk.Entry;
import dev.pkinitkdc.mapping.testing.ServerTls;
import dev.pkinitkdc.mapping.testing.Slapd;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link LabDirectory#seed()} served by a real OpenLDAP slapd with the shipped AD schema. */
final class SlapdLabDirectory implements TestDirectory {
    private final Slapd slapd;

    private SlapdLabDirectory(Slapd slapd) {
        this.slapd = slapd;
    }

    static SlapdLabDirectory start(Optional<ServerTls> tls) throws IOException {
        String ldif = LabDirectory.seed().stream().map(Entry::toLDIFString).collect(Collectors.joining("\n"));
        return new SlapdLabDirectory(Slapd.start(LabDirectory.BASE, ldif, tls));
    }

    Slapd slapd() {
        return slapd;
    }

    @Override
    public URI url() {
        return slapd.ldapUrl();
    }

    @Override
    public void stop() {
        slapd.stop();
    }

    @Override
    public void restart() throws IOException {
        slapd.start();
    }

    @Override
    public void close() {
        slapd.close();
    }
}
