package dev.pkinitkdc.mapping.rules;

import java.util.List;

/**
 * What one rule concluded about one account: the matches (strong ones first), what did not match, and the stored
 * values that could not be parsed (skipped, never an exception).
 */
public record RuleEvaluation(List<RuleMatch> matches, List<String> misses, List<String> skipped) {
    public RuleEvaluation {
        matches = List.copyOf(matches);
        misses = List.copyOf(misses);
        skipped = List.copyOf(skipped);
    }

    public static RuleEvaluation matched(RuleMatch match) {
        return new RuleEvaluation(List.of(match), List.of(), List.of());
    }

    public static RuleEvaluation missed(String why) {
        return new RuleEvaluation(List.of(), List.of(why), List.of());
    }

    public boolean found() {
        return !matches.isEmpty();
    }
}
