package dev.pkinitkdc.conf;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code [attributes]}. */
final class AttributeSectionBinder implements SectionBinder<AttributeSettings> {
    @Override
    public String name() {
        return "attributes";
    }

    @Override
    public Set<String> keys() {
        return AttributeSettings.KEYS;
    }

    @Override
    public AttributeSettings bind(Section s) throws ConfigException {
        Map<String, String> renamed = new HashMap<>();
        for (String key : AttributeSettings.KEYS) {
            s.optional(key, Values::nonEmpty).ifPresent(v -> renamed.put(key, v));
        }
        return new AttributeSettings(renamed);
    }
}
