package io.evalwatch.scoring.kind;

import io.evalwatch.events.TaskKind;

/** The one place a task's kind chooses its scorer. Adding a kind adds a case here (the switch must cover all). */
public final class KindScorers {

    private static final KindScorer GENERATION = new GenerationScorer();
    private static final KindScorer COMPLETION = new CompletionScorer();
    private static final KindScorer REVIEW = new ReviewScorer();
    private static final KindScorer SEARCH = new SearchScorer();

    private KindScorers() {
    }

    public static KindScorer of(TaskKind kind) {
        return switch (kind == null ? TaskKind.GENERATION : kind) {
            case GENERATION -> GENERATION;
            case COMPLETION -> COMPLETION;
            case REVIEW -> REVIEW;
            case SEARCH -> SEARCH;
        };
    }
}
