package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Parses kdc.conf (conf/README.md): {@link ConfigReader} reads sections of entries, unknown sections and keys
 * are rejected in file order, then one {@link SectionBinder} per section builds its settings record.
 */
public final class ConfigParser {
    private static final KdcSectionBinder KDC = new KdcSectionBinder();
    private static final IdentitySectionBinder IDENTITY = new IdentitySectionBinder();
    private static final TrustSectionBinder TRUST = new TrustSectionBinder();
    private static final PkinitSectionBinder PKINIT = new PkinitSectionBinder();
    private static final DirectorySectionBinder DIRECTORY = new DirectorySectionBinder();
    private static final KrbtgtSectionBinder KRBTGT = new KrbtgtSectionBinder();
    private static final MappingSectionBinder MAPPING = new MappingSectionBinder();
    private static final AttributeSectionBinder ATTRIBUTES = new AttributeSectionBinder();
    private static final NtAuthSectionBinder NTAUTH = new NtAuthSectionBinder();
    private static final RevocationSectionBinder REVOCATION = new RevocationSectionBinder();
    private static final AuditSectionBinder AUDIT = new AuditSectionBinder();
    private static final MetricsSectionBinder METRICS = new MetricsSectionBinder();
    private static final Map<String, SectionBinder<?>> BINDERS = Map.ofEntries(
            binder(KDC), binder(IDENTITY), binder(TRUST), binder(PKINIT), binder(DIRECTORY), binder(KRBTGT),
            binder(MAPPING), binder(ATTRIBUTES), binder(NTAUTH), binder(REVOCATION), binder(AUDIT), binder(METRICS));

    private ConfigParser() {
    }

    private static Map.Entry<String, SectionBinder<?>> binder(SectionBinder<?> binder) {
        return Map.entry(binder.name(), binder);
    }

    public static KdcConfig parse(Path file) throws ConfigException {
        Map<String, Section> sections = ConfigReader.read(file);
        rejectUnknown(file, sections);
        return new KdcConfig(file,
                bind(KDC, file, sections),
                bind(IDENTITY, file, sections),
                bind(TRUST, file, sections),
                bind(PKINIT, file, sections),
                bind(DIRECTORY, file, sections),
                bind(KRBTGT, file, sections),
                bind(MAPPING, file, sections),
                bind(ATTRIBUTES, file, sections),
                bind(NTAUTH, file, sections),
                bind(REVOCATION, file, sections),
                bind(AUDIT, file, sections),
                bind(METRICS, file, sections));
    }

    /** Reports the first (by line) unknown section or key. */
    private static void rejectUnknown(Path file, Map<String, Section> sections) throws ConfigException {
        List<ConfigException> errors = new ArrayList<>();
        for (Section s : sections.values()) {
            SectionBinder<?> binder = BINDERS.get(s.name());
            if (binder == null) {
                errors.add(new ConfigException(file, s.headerLine(), s.name(), null, "unknown section"));
                continue;
            }
            for (ConfigEntry e : s.entries()) {
                if (!binder.keys().contains(e.key())) {
                    errors.add(s.error(e, "unknown key"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw errors.stream().min(Comparator.comparingInt(ConfigException::line)).orElseThrow();
        }
    }

    private static <T> T bind(SectionBinder<T> binder, Path file, Map<String, Section> sections)
            throws ConfigException {
        Section s = sections.get(binder.name());
        return binder.bind(s != null ? s : Section.absent(file, binder.name()));
    }
}
