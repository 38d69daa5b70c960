package dev.pkinitkdc.conf;

import java.util.Set;

/** {@code [krbtgt]}. */
final class KrbtgtSectionBinder implements SectionBinder<KrbtgtSettings> {
    @Override
    public String name() {
        return "krbtgt";
    }

    @Override
    public Set<String> keys() {
        return Set.of("keytab", "ticket_enctypes");
    }

    @Override
    public KrbtgtSettings bind(Section s) throws ConfigException {
        return new KrbtgtSettings(s.required("keytab", s::path), s.has("ticket_enctypes")
                ? s.requiredList("ticket_enctypes", KdcSectionBinder::enctype).stream().distinct().toList()
                : KrbtgtSettings.DEFAULT_TICKET_ENCTYPES);
    }
}
