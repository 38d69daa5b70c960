package dev.pkinitkdc.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** The steps of one mapping decision, in order; both accepted mappings and refusals carry one. */
public record MappingTrace(List<MappingStep> steps) {
    public MappingTrace {
        steps = List.copyOf(steps);
    }

    /** Numbered, one step a line, for {@code explain}. */
    public String render() {
        return String.join("\n", IntStream.range(0, steps.size())
                .mapToObj(i -> (i + 1) + ". " + steps.get(i).describe()).toList());
    }

    /** Whether any step's sentence contains this text (for tests and quick checks). */
    public boolean mentions(String text) {
        return steps.stream().anyMatch(s -> s.text().contains(text));
    }

    /** Appended to by one chain of stages, so never concurrently; synchronized for visibility across threads. */
    static final class Recorder {
        private final List<MappingStep> steps = new ArrayList<>();

        synchronized void add(MappingStep step) {
            steps.add(step);
        }

        synchronized void add(MappingStep.Kind kind, String text) {
            steps.add(MappingStep.of(kind, text));
        }

        synchronized MappingTrace snapshot() {
            return new MappingTrace(steps);
        }
    }
}
