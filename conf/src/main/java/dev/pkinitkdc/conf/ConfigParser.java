package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Parses kdc.conf (conf/README.md): {@link ConfigReader} reads sections of entries, unknown sections and keys
 * are rejected in file order, {@link EnvironmentOverrides} are applied, then one {@link SectionBinder} per section
 * builds its settings record.
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
    private static final ServicesSectionBinder SERVICES = new ServicesSectionBinder();
    private static final Map<String, SectionBinder<?>> BINDERS = Stream.<SectionBinder<?>>of(KDC, IDENTITY, TRUST, PKINIT,
                    DIRECTORY, KRBTGT, MAPPING, ATTRIBUTES, NTAUTH, REVOCATION, AUDIT, METRICS,
                    SERVICES)
            .collect(Collectors.toUnmodifiableMap(SectionBinder::name, b -> b));

    private ConfigParser() {
    }

    /**
     * A parsed config, the environment overrides that went into it ({@code VARIABLE -> [section] key}), and where
     * each key was set, so that a later check of what a value names (a file that does not load) can be reported
     * at the key's line or variable.
     */
    public static final class Parsed {
        private final KdcConfig config;
        private final List<String> environmentOverrides;
        private final Map<String, Section> sections;

        private Parsed(KdcConfig config, List<String> environmentOverrides, Map<String, Section> sections) {
            this.config = config;
            this.environmentOverrides = List.copyOf(environmentOverrides);
            this.sections = sections;
        }

        public KdcConfig config() {
            return config;
        }

        public List<String> environmentOverrides() {
            return environmentOverrides;
        }

        /** An error about {@code [section] key} at the line (or variable) that set it, else the section header. */
        public ConfigException error(String section, String key, String detail) {
            Section s = sections.get(section);
            return s != null ? s.error(key, detail) : Section.absent(config.file(), section).error(key, detail);
        }
    }

    /** Parses {@code file} with the process environment's {@code PKINIT_KDC_<SECTION>_<KEY>} overrides. */
    public static KdcConfig parse(Path file) throws ConfigException {
        return parse(file, System.getenv());
    }

    public static KdcConfig parse(Path file, Map<String, String> env) throws ConfigException {
        return parseWithOverrides(file, env).config();
    }

    public static Parsed parseWithOverrides(Path file, Map<String, String> env) throws ConfigException {
        Map<String, Section> sections = ConfigReader.read(file);
        rejectUnknown(file, sections);
        List<String> overrides = EnvironmentOverrides.apply(env, file, sections, BINDERS);
        return new Parsed(build(file, sections), overrides, sections);
    }

    /** Every section and the keys its binder accepts (documented in conf/README.md), sorted. */
    public static SortedMap<String, SortedSet<String>> acceptedKeys() {
        SortedMap<String, SortedSet<String>> out = new TreeMap<>();
        BINDERS.forEach((name, binder) ->
                out.put(name, Collections.unmodifiableSortedSet(new TreeSet<>(binder.keys()))));
        return Collections.unmodifiableSortedMap(out);
    }

    private static KdcConfig build(Path file, Map<String, Section> sections) throws ConfigException {
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
                bind(METRICS, file, sections),
                bind(SERVICES, file, sections));
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
