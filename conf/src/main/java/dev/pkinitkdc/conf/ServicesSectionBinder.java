package dev.pkinitkdc.conf;

import java.util.Set;

/** {@code [services]}. */
final class ServicesSectionBinder implements SectionBinder<ServicesSettings> {
    @Override
    public String name() {
        return "services";
    }

    @Override
    public Set<String> keys() {
        return Set.of("keytabs");
    }

    @Override
    public ServicesSettings bind(Section s) throws ConfigException {
        return new ServicesSettings(s.list("keytabs", s::path));
    }
}
