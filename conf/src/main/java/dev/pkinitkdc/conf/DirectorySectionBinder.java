package dev.pkinitkdc.conf;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code [directory]}: type ldap needs url; embedded ignores url. */
final class DirectorySectionBinder implements SectionBinder<DirectorySettings> {
    private static final Logger LOG = LoggerFactory.getLogger(DirectorySectionBinder.class);

    @Override
    public String name() {
        return "directory";
    }

    @Override
    public Set<String> keys() {
        return Set.of("type", "base_dn", "ldif", "listen", "url", "bind_dn", "bind_password_file", "timeout",
                "pool_size", "tls", "ca_file");
    }

    @Override
    public DirectorySettings bind(Section s) throws ConfigException {
        DirectoryType type = s.required("type", DirectorySectionBinder::type);
        String baseDn = s.required("base_dn", Values::nonEmpty);
        List<Path> ldif = s.list("ldif", s::path);
        HostPort listen = s.orDefault("listen", DirectorySectionBinder::hostPort, new HostPort("127.0.0.1", 0));
        List<URI> urls = List.of();
        DirectorySettings.Tls tls = DirectorySettings.Tls.NONE;
        if (type == DirectoryType.LDAP) {
            urls = s.requiredList("url", Values::ldapUrl);
            boolean ldapsUrl = urls.stream().anyMatch(u -> "ldaps".equalsIgnoreCase(u.getScheme()));
            tls = s.orDefault("tls", DirectorySectionBinder::tls,
                    ldapsUrl ? DirectorySettings.Tls.LDAPS : DirectorySettings.Tls.NONE);
        } else if (s.has("url")) {
            LOG.warn("{}: [directory] url is ignored for type embedded", s.file());
        }
        return new DirectorySettings(type, baseDn, ldif, listen.host(), listen.port(), urls,
                s.optional("bind_dn", Values::nonEmpty),
                s.optional("bind_password_file", s::path),
                s.orDefault("timeout", Values::duration, Duration.ofSeconds(5)),
                s.orDefault("pool_size", Values::positiveInt, 8),
                tls, s.optional("ca_file", s::path));
    }

    private static DirectoryType type(String text) throws InvalidValueException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "embedded" -> DirectoryType.EMBEDDED;
            case "ldap" -> DirectoryType.LDAP;
            default -> throw new InvalidValueException("\"" + text + "\" is not a directory type (embedded, ldap)");
        };
    }

    private static DirectorySettings.Tls tls(String text) throws InvalidValueException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "none" -> DirectorySettings.Tls.NONE;
            case "ldaps" -> DirectorySettings.Tls.LDAPS;
            case "starttls" -> DirectorySettings.Tls.STARTTLS;
            default -> throw new InvalidValueException("\"" + text + "\" is not none, ldaps or starttls");
        };
    }

    private static HostPort hostPort(String text) throws InvalidValueException {
        try {
            return HostPort.parse(text);
        } catch (InvalidValueException e) {
            throw new InvalidValueException("\"" + text + "\" is not HOST:PORT (e.g. 127.0.0.1:0, [::1]:389): "
                    + e.getMessage());
        }
    }
}
