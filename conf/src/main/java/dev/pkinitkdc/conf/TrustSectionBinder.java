package dev.pkinitkdc.conf;

import java.util.Set;

/** {@code [trust]}. */
final class TrustSectionBinder implements SectionBinder<TrustSettings> {
    @Override
    public String name() {
        return "trust";
    }

    @Override
    public Set<String> keys() {
        return Set.of("anchors", "intermediates");
    }

    @Override
    public TrustSettings bind(Section s) throws ConfigException {
        return new TrustSettings(s.requiredList("anchors", s::path), s.list("intermediates", s::path));
    }
}
