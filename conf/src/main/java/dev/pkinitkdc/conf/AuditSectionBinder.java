package dev.pkinitkdc.conf;

import java.util.Set;

/** {@code [audit]}. */
final class AuditSectionBinder implements SectionBinder<AuditSettings> {
    @Override
    public String name() {
        return "audit";
    }

    @Override
    public Set<String> keys() {
        return Set.of("file", "max_file_size", "max_history", "total_size_cap");
    }

    @Override
    public AuditSettings bind(Section s) throws ConfigException {
        AuditSettings settings = new AuditSettings(s.optional("file", s::path),
                s.orDefault("max_file_size", Values::size, AuditSettings.DEFAULT_MAX_FILE_SIZE),
                s.orDefault("max_history", Values::positiveInt, AuditSettings.DEFAULT_MAX_HISTORY),
                s.orDefault("total_size_cap", Values::size, AuditSettings.DEFAULT_TOTAL_SIZE_CAP));
        if (settings.totalSizeCap() < settings.maxFileSize()) {
            throw s.error("total_size_cap", "must be at least max_file_size (" + settings.maxFileSize() + " bytes)");
        }
        return settings;
    }
}
