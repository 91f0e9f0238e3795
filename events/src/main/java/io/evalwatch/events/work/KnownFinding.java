package io.evalwatch.events.work;

/**
 * A finding a review task's code is known to contain: where (file, 1-based inclusive line range), how hard it is to
 * see (tier 1: a known vulnerability pattern; 2: a logic error that needs domain context; 3: a cross-file issue),
 * what it is (a category of {@link ReviewCategories}), how bad, and the author's note.
 */
public record KnownFinding(String file, int startLine, int endLine, int tier, String category, String severity,
        String note) {

    public static final int MIN_TIER = 1;
    public static final int MAX_TIER = 3;
}
