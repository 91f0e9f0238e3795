package io.evalwatch.scoring.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.ItemMetrics;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Usage;
import io.evalwatch.events.work.KnownFinding;
import io.evalwatch.events.work.SourceFile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewScorerTest {

    static final KnownFinding INJECTION = new KnownFinding("app/orders.py", 12, 14, 1, "sql_injection", "high",
            "query built by string formatting");
    static final KnownFinding OFF_BY_ONE = new KnownFinding("app/orders.py", 30, 30, 2, "off_by_one", "medium",
            "the last page is dropped");
    static final KnownFinding UNITS = new KnownFinding("app/billing.py", 5, 7, 3, "unit_mismatch", "high",
            "cents passed where euros are expected");

    static TaskSpec task(KnownFinding... findings) {
        return new TaskSpec("orders-review", "review", TaskKind.REVIEW, "python", "Review this.", null, List.of(), 0,
                List.of("domain:shop", "security"), null, null, null,
                List.of(new SourceFile("app/orders.py", "...\n"), new SourceFile("app/billing.py", "...\n")), null,
                List.of(findings), List.of(), 2);
    }

    static GenerationCompleted answer(TaskSpec task, String output) {
        return new GenerationCompleted(1, "r/orders-review/m/0/base", "r", "golden", "1.0.0", "m", 0, "base", task,
                output, "", "none", Timings.none(), new Usage(10, 20), 0.01, null, null, 1, Instant.EPOCH,
                Instant.EPOCH);
    }

    static KindVerdict score(TaskSpec task, String output) {
        return new ReviewScorer().score(answer(task, output), null);
    }

    static String finding(String file, Object line, String category) {
        String l = line instanceof String s ? "\"" + s + "\"" : String.valueOf(line);
        return "{\"file\": \"" + file + "\", \"line\": " + l + ", \"severity\": \"high\", \"category\": \""
                + category + "\", \"explanation\": \"why\"}";
    }

    @Test
    void everyKnownFindingFoundAndNothingElseIsAPass() {
        KindVerdict v = score(task(INJECTION, OFF_BY_ONE, UNITS), "[" + finding("app/orders.py", 13, "sql_injection")
                + "," + finding("app/orders.py", 30, "off_by_one") + "," + finding("app/billing.py", 6, "unit_mismatch")
                + "]");
        assertTrue(v.passed());
        assertEquals(FailureCategory.NONE, v.failure());
        assertEquals(1.0, v.weighted(), 1e-12);
        assertEquals(3.0, v.metrics().get(ItemMetrics.REVIEW_TP));
        assertEquals(0.0, v.metrics().get(ItemMetrics.REVIEW_FP));
        assertEquals(0.0, v.metrics().get(ItemMetrics.REVIEW_FN));
        assertTrue(v.tests().isEmpty());
    }

    @Test
    void theToleranceReachesExactlyThreeLinesBeyondTheRange() {
        // INJECTION spans 12..14: the window is [9, 17]; 9 = start - 3 matches, 17 = end + 3 matches, 18 = end + 4 not
        assertEquals(1.0, score(task(INJECTION), "[" + finding("app/orders.py", 9, "sql_injection") + "]")
                .metrics().get(ItemMetrics.REVIEW_TP));
        assertEquals(1.0, score(task(INJECTION), "[" + finding("app/orders.py", 17, "sql_injection") + "]")
                .metrics().get(ItemMetrics.REVIEW_TP));
        assertEquals(0.0, score(task(INJECTION), "[" + finding("app/orders.py", 8, "sql_injection") + "]")
                .metrics().get(ItemMetrics.REVIEW_TP));
        KindVerdict late = score(task(INJECTION), "[" + finding("app/orders.py", 18, "sql_injection") + "]");
        // tp 0, fp 1, fn 1: precision 0/1, recall 0/1, F1 0
        assertEquals(0.0, late.metrics().get(ItemMetrics.REVIEW_TP));
        assertEquals(1.0, late.metrics().get(ItemMetrics.REVIEW_FP));
        assertEquals(1.0, late.metrics().get(ItemMetrics.REVIEW_FN));
        assertEquals(FailureCategory.WRONG_ANSWER, late.failure());
    }

    @Test
    void anIncompatibleCategoryDoesNotMatchButTheGroupsOwnNameDoes() {
        // off_by_one is logic, sql_injection security: no match
        assertEquals(0.0, score(task(INJECTION), "[" + finding("app/orders.py", 12, "off_by_one") + "]")
                .metrics().get(ItemMetrics.REVIEW_TP));
        // command_injection is security as sql_injection is; "Security" names the group
        assertEquals(1.0, score(task(INJECTION), "[" + finding("app/orders.py", 12, "command_injection") + "]")
                .metrics().get(ItemMetrics.REVIEW_TP));
        assertEquals(1.0, score(task(INJECTION), "[" + finding("app/orders.py", 12, "Security") + "]")
                .metrics().get(ItemMetrics.REVIEW_TP));
    }

    @Test
    void aSecondFindingOfTheSameKnownOneIsAFalsePositive() {
        KindVerdict v = score(task(INJECTION), "[" + finding("app/orders.py", 12, "sql_injection") + ","
                + finding("app/orders.py", 13, "sql_injection") + "]");
        // tp 1, fp 1 (the duplicate), fn 0: precision 1/2, recall 1/1, F1 2*0.5*1/1.5 = 2/3
        assertEquals(1.0, v.metrics().get(ItemMetrics.REVIEW_TP));
        assertEquals(1.0, v.metrics().get(ItemMetrics.REVIEW_FP));
        assertEquals(1.0, v.metrics().get(ItemMetrics.REVIEW_FALSE_POSITIVES));
        assertEquals(0.5, v.metrics().get(ItemMetrics.REVIEW_PRECISION), 1e-12);
        assertEquals(2.0 / 3, v.metrics().get(ItemMetrics.REVIEW_F1), 1e-12);
        assertFalse(v.passed());
        assertEquals(FailureCategory.ALMOST_CORRECT, v.failure());
        assertEquals(2.0 / 3, v.weighted(), 1e-12);
    }

    @Test
    void severalKnownFindingsInOneFileAreMatchedToMaximiseMatches() {
        KnownFinding a = new KnownFinding("app/orders.py", 10, 10, 2, "off_by_one", "low", "a");
        KnownFinding b = new KnownFinding("app/orders.py", 16, 16, 2, "null_handling", "low", "b");
        // windows: a [7, 13], b [13, 19]. The first report (13) is 3 from both and goes to a first (task order);
        // the second (8) fits only a, so the first moves to b: 2 matches, not 1
        KindVerdict v = score(task(a, b), "[" + finding("app/orders.py", 13, "logic") + ","
                + finding("app/orders.py", 8, "off_by_one") + "]");
        assertEquals(2.0, v.metrics().get(ItemMetrics.REVIEW_TP));
        assertEquals(0.0, v.metrics().get(ItemMetrics.REVIEW_FP));
        assertTrue(v.passed());
    }

    @Test
    void tierCountsChargeFalsePositivesToTheTasksHighestTier() {
        KindVerdict v = score(task(INJECTION, OFF_BY_ONE, UNITS), "Findings:\n[" + finding("app/orders.py", 12,
                "sql_injection") + "," + finding("app/orders.py", 50, "xss") + "," + finding("app/billing.py", 5,
                "contract") + "]");
        // tp 2 (injection, units), fp 1 (line 50), fn 1 (off by one)
        // precision 2/3, recall 2/3, F1 2/3 >= 0.5: almost correct
        Map<String, Double> m = v.metrics();
        assertEquals(2.0 / 3, m.get(ItemMetrics.REVIEW_PRECISION), 1e-12);
        assertEquals(2.0 / 3, m.get(ItemMetrics.REVIEW_RECALL), 1e-12);
        assertEquals(2.0 / 3, m.get(ItemMetrics.REVIEW_F1), 1e-12);
        assertEquals(FailureCategory.ALMOST_CORRECT, v.failure());
        assertEquals(1.0, m.get("review.tier1.tp"));
        assertEquals(0.0, m.get("review.tier1.fn"));
        assertEquals(0.0, m.get("review.tier1.fp"));
        assertEquals(0.0, m.get("review.tier2.tp"));
        assertEquals(1.0, m.get("review.tier2.fn"));
        assertEquals(0.0, m.get("review.tier2.fp"));
        assertEquals(1.0, m.get("review.tier3.tp"));
        assertEquals(0.0, m.get("review.tier3.fn"));
        assertEquals(1.0, m.get("review.tier3.fp"));
        // only the tiers the task has
        assertFalse(score(task(INJECTION), "[]").metrics().containsKey("review.tier2.tp"));
    }

    @Test
    void findingsWithoutFileOrLineAreUnparsableNotFalsePositives() {
        String output = "[{\"file\": \"app/orders.py\", \"category\": \"sql_injection\"},"
                + "{\"line\": 12, \"category\": \"sql_injection\"}, \"a string\", "
                + finding("app/orders.py", 12, "sql_injection") + "]";
        KindVerdict v = score(task(INJECTION), output);
        assertEquals(3.0, v.metrics().get(ItemMetrics.REVIEW_UNPARSABLE_FINDINGS));
        assertEquals(1.0, v.metrics().get(ItemMetrics.REVIEW_TP));
        assertEquals(0.0, v.metrics().get(ItemMetrics.REVIEW_FP));
        assertTrue(v.passed());
    }

    @Test
    void fencedJsonAmongProseAndTheFindingsObjectAreRead() {
        String output = "I looked at both files [see notes].\n```json\n{\"findings\": [" + finding("./app/orders.py",
                "12-14", "sql_injection") + "]}\n```\nLet me know if you want a fix.";
        KindVerdict v = score(task(INJECTION), output);
        assertEquals(1.0, v.metrics().get(ItemMetrics.REVIEW_TP));
        assertTrue(v.passed());
    }

    @Test
    void linesMayBeGivenAsTextRangesOrAList() {
        assertEquals(1.0, score(task(INJECTION), "[" + finding("app/orders.py", "12", "sql_injection") + "]")
                .metrics().get(ItemMetrics.REVIEW_TP));
        assertEquals(1.0, score(task(INJECTION), "[{\"file\": \"app/orders.py\", \"lines\": [16, 20], "
                + "\"category\": \"sql_injection\"}]").metrics().get(ItemMetrics.REVIEW_TP));
        // a range counts by its first line: 18-20 starts beyond the window [9, 17]
        assertEquals(0.0, score(task(INJECTION), "[" + finding("app/orders.py", "18-20", "sql_injection") + "]")
                .metrics().get(ItemMetrics.REVIEW_TP));
    }

    @Test
    void pathsAreComparedCaseSensitively() {
        assertEquals(0.0, score(task(INJECTION), "[" + finding("App/orders.py", 12, "sql_injection") + "]")
                .metrics().get(ItemMetrics.REVIEW_TP));
    }

    @Test
    void anEmptyListOfFindingsIsAWrongAnswerWithDefinedPrecision() {
        KindVerdict v = score(task(INJECTION, UNITS), "{\"findings\": []}");
        // nothing reported, 2 to find: precision 0 (defined), recall 0/2, F1 0
        assertEquals(0.0, v.metrics().get(ItemMetrics.REVIEW_PRECISION));
        assertEquals(0.0, v.metrics().get(ItemMetrics.REVIEW_RECALL));
        assertEquals(0.0, v.metrics().get(ItemMetrics.REVIEW_F1));
        assertEquals(2.0, v.metrics().get(ItemMetrics.REVIEW_FN));
        assertEquals(FailureCategory.WRONG_ANSWER, v.failure());
        // nothing to find and nothing reported: precision 1, recall 1
        KindVerdict clean = score(task(), "[]");
        assertEquals(1.0, clean.metrics().get(ItemMetrics.REVIEW_PRECISION));
        assertTrue(clean.passed());
    }

    @Test
    void malformedOrAbsentJsonIsAFormatFailureAndARefusalIsARefusal() {
        KindVerdict malformed = score(task(INJECTION), "```json\n[{\"file\": \"app/orders.py\", \"line\": 12,\n```");
        assertEquals(FailureCategory.FORMAT_FAILURE, malformed.failure());
        assertEquals(0.0, malformed.weighted());
        assertEquals(1.0, malformed.metrics().get(ItemMetrics.REVIEW_FN), "its misses still count in recall");
        assertEquals(FailureCategory.FORMAT_FAILURE, score(task(INJECTION), "Line 12 has an SQL injection.").failure());
        assertEquals(FailureCategory.FORMAT_FAILURE, score(task(INJECTION), null).failure());
        assertEquals(FailureCategory.REFUSAL, score(task(INJECTION),
                "I'm sorry, but I can't help with reviewing this code.").failure());
    }

    @Test
    void aListCutShortOrBrokenMidwayIsAFormatFailureNotItsFirstCompleteFinding() {
        String first = "{\"file\": \"app/orders.py\", \"line\": 12, \"category\": \"sql_injection\"}";
        String cut = "[\n  " + first + ",\n  {\"file\": \"app/orders.py\", \"li";
        assertEquals(FailureCategory.FORMAT_FAILURE, score(task(INJECTION), cut).failure(), "raw, cut short");
        assertEquals(FailureCategory.FORMAT_FAILURE, score(task(INJECTION), "```json\n" + cut + "\n```").failure(),
                "fenced, the fence closed after the cut");
        String missingComma = "[" + first + " {\"file\": \"app/orders.py\", \"line\": 40}]";
        assertEquals(FailureCategory.FORMAT_FAILURE, score(task(INJECTION), missingComma).failure());
        // a bracket of prose that breaks at once does not hide the answer after it
        KindVerdict afterProse = score(task(INJECTION), "Findings [see below]:\n[" + first + "]");
        assertTrue(afterProse.passed(), afterProse.toString());
    }
}
