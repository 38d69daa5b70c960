package dev.pkinitkdc.mapping;

import java.util.ArrayList;
import java.util.List;

/** The steps of one mapping, in order. Appended to by one chain of stages, so never concurrently. */
final class MappingTrace {
    private final List<String> steps = new ArrayList<>();

    synchronized void add(String step) {
        steps.add(step);
    }

    synchronized List<String> steps() {
        return List.copyOf(steps);
    }
}
