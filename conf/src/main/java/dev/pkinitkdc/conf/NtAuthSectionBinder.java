package dev.pkinitkdc.conf;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code [ntauth]}: {@code files} is required for, and only allowed with, {@code source = files}. */
final class NtAuthSectionBinder implements SectionBinder<NtAuthSettings> {
    @Override
    public String name() {
        return "ntauth";
    }

    @Override
    public Set<String> keys() {
        return Set.of("source", "files", "refresh_interval");
    }

    @Override
    public NtAuthSettings bind(Section s) throws ConfigException {
        NtAuthSettings.Source source = s.orDefault("source", NtAuthSectionBinder::source,
                NtAuthSettings.Source.DIRECTORY);
        if (source != NtAuthSettings.Source.FILES && s.has("files")) {
            throw s.error("files", "only used with source = files");
        }
        Duration refresh = s.orDefault("refresh_interval", Values::duration,
                NtAuthSettings.DEFAULT_REFRESH_INTERVAL);
        if (refresh.isZero()) {
            throw s.error("refresh_interval", "must be at least 1s");
        }
        return new NtAuthSettings(source, source == NtAuthSettings.Source.FILES
                ? s.requiredList("files", s::path) : List.of(), refresh);
    }

    private static NtAuthSettings.Source source(String text) throws InvalidValueException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "directory" -> NtAuthSettings.Source.DIRECTORY;
            case "files" -> NtAuthSettings.Source.FILES;
            case "off" -> NtAuthSettings.Source.OFF;
            default -> throw new InvalidValueException("\"" + text + "\" is not an NTAuth source (directory, files, off)");
        };
    }
}
