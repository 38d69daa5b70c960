package dev.pkinitkdc.conf;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** {@code [mapping]}. */
final class MappingSectionBinder implements SectionBinder<MappingSettings> {
    @Override
    public String name() {
        return "mapping";
    }

    @Override
    public Set<String> keys() {
        return Set.of("strong_mapping_enforcement", "use_subject_alt_name", "backdating_compensation");
    }

    @Override
    public MappingSettings bind(Section s) throws ConfigException {
        MappingSettings d = MappingSettings.defaults();
        return new MappingSettings(
                s.orDefault("strong_mapping_enforcement", MappingSectionBinder::enforcement, d.enforcement()),
                s.orDefault("use_subject_alt_name", Values::bool, d.useSubjectAltName()),
                s.orDefault("backdating_compensation", Values::duration, Duration.ZERO));
    }

    private static MappingSettings.Enforcement enforcement(String text) throws InvalidValueException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "full", "2" -> MappingSettings.Enforcement.FULL;
            case "compatibility", "1" -> MappingSettings.Enforcement.COMPATIBILITY;
            case "off", "0" -> MappingSettings.Enforcement.OFF;
            default -> throw new InvalidValueException(
                    "\"" + text + "\" is not an enforcement mode (full, compatibility, off)");
        };
    }
}
