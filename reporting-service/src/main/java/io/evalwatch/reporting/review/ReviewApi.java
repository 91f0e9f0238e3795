package io.evalwatch.reporting.review;

import java.time.Instant;
import java.util.List;

/** What the review endpoints take and give; the item behind an entry, its model and its score never leave. */
public final class ReviewApi {

    private ReviewApi() {
    }

    /** A sample to draw: the reviewer's time budget and the seconds one entry takes; the seed to redraw one. */
    public record SampleRequest(Double minutes, Double secondsPerItem, Long seed) {
    }

    /** A drawn sample as a reviewer may see it. */
    public record SampleView(String sampleId, String runId, long seed, double minutes, double secondsPerItem, int size,
            int available, Instant createdAt, List<EntryView> entries) {
    }

    /** One entry: the task it answers (to look up the prompt) and the answer itself. */
    public record EntryView(String entryId, String suite, String suiteVersion, String taskId, String answer) {
    }

    /** One reviewer's verdicts on a sample; an entry left out is not reviewed. */
    public record VerdictsRequest(String reviewer, List<VerdictInput> verdicts) {
    }

    /** A verdict on one entry: would the reviewer accept the answer as is, does it introduce a bug. */
    public record VerdictInput(String entryId, Boolean accept, Boolean introducesBug, String comment) {
    }

    /** What a verdict import stored, and how many earlier verdicts of the same reviewer it replaced. */
    public record VerdictsRecorded(String sampleId, String reviewer, int stored, int replaced) {
    }
}
