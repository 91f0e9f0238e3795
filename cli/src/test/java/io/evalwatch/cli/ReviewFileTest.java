package io.evalwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewFileTest {

    private static final List<ReviewFile.Entry> ENTRIES = List.of(
            new ReviewFile.Entry("e1", "luhn", "Write luhn(s).\n", "def luhn(s):\n    return True  # accept: null\n"),
            new ReviewFile.Entry("e2", "chunk", null, "yes"),
            new ReviewFile.Entry("e3", "merge", "Merge intervals.", "def merge(xs):\n    return xs\n"));

    private static String written() {
        return ReviewFile.write("run-1", "sample-1", 42, ENTRIES);
    }

    /** The exported file with one entry's fields filled in as a reviewer would. */
    private static String fill(String file, String entry, String accept, String bug, String comment) {
        int at = file.indexOf("- entry: " + entry);
        int end = file.indexOf("  comment:", at) + "  comment:".length();
        String part = file.substring(at, end)
                .replace("  accept:", "  accept: " + accept)
                .replace("  introduces_bug:", "  introduces_bug: " + bug)
                .replace("  comment:", "  comment:" + (comment == null ? "" : " " + comment));
        return file.substring(0, at) + part + file.substring(end);
    }

    @Test
    void theExportIsBlindWithEmptyFieldsAndTheAnswersVerbatim() throws Exception {
        String file = written();
        assertTrue(file.startsWith("# evalwatch human review."), file);
        assertTrue(file.contains("\nreviewer:\n"), file);
        assertTrue(file.contains("\n  accept:\n  introduces_bug:\n  comment:\n"), file);
        assertFalse(file.contains("model") || file.contains("score") || file.contains("passed"), file);
        assertTrue(file.contains("seed: 42"), file);
        JsonNode parsed = ReviewFile.YAML.readTree(file);
        assertEquals(ENTRIES.get(0).answer(), parsed.path("entries").get(0).path("answer").asText());
        assertEquals("Write luhn(s).\n", parsed.path("entries").get(0).path("prompt").asText());
        assertFalse(parsed.path("entries").get(1).has("prompt"), "no prompt when task-service had none");
        assertEquals("yes", parsed.path("entries").get(1).path("answer").asText(), "an answer stays text");
        assertTrue(parsed.path("entries").get(0).path("accept").isNull());
    }

    @Test
    void aFilledFileReadsBackWithSkippedEntries() throws Exception {
        String file = fill(fill(written().replace("\nreviewer:\n", "\nreviewer: ann\n"), "e1", "yes", "no",
                "fine"), "e3", "No", "\"yes\"", null);
        ReviewFile.Filled filled = ReviewFile.read(file, null);
        assertEquals("run-1", filled.runId());
        assertEquals("sample-1", filled.sampleId());
        assertEquals("ann", filled.reviewer());
        assertEquals(List.of(new ReviewFile.Verdict("e1", true, false, "fine"),
                new ReviewFile.Verdict("e3", false, true, null)), filled.verdicts());
        assertEquals(1, filled.skipped());
        assertEquals("bob", ReviewFile.read(file, "bob").reviewer(), "--reviewer wins over the file");

        JsonNode body = ReviewFile.request(filled);
        assertEquals("ann", body.path("reviewer").asText());
        assertEquals("e1", body.path("verdicts").get(0).path("entryId").asText());
        assertTrue(body.path("verdicts").get(0).path("accept").asBoolean());
        assertTrue(body.path("verdicts").get(1).path("introducesBug").asBoolean());
        assertFalse(body.path("verdicts").get(1).has("comment"));
    }

    @Test
    void everyProblemIsReportedWithItsEntryFieldAndWhatIsAllowed() {
        String file = fill(fill(written(), "e1", "maybe", "no", null), "e3", "yes", "", null);
        ReviewFile.Invalid invalid = assertThrows(ReviewFile.Invalid.class, () -> ReviewFile.read(file, null));
        assertEquals(List.of(
                "field reviewer: empty; write your name after reviewer: at the top, or pass --reviewer NAME",
                "entry e1, field accept: 'maybe' is not allowed; write yes or no",
                "entry e3, field introduces_bug: empty; write yes or no (leave accept, introduces_bug and comment all"
                        + " empty to skip the entry)"), invalid.problems());
    }

    @Test
    void aCommentAloneIsNotAVerdict() {
        String file = fill(written(), "e2", "", "", "unsure");
        ReviewFile.Invalid invalid = assertThrows(ReviewFile.Invalid.class, () -> ReviewFile.read(file, "ann"));
        assertEquals(2, invalid.problems().size(), invalid.problems().toString());
        assertTrue(invalid.problems().get(0).startsWith("entry e2, field accept: empty"), invalid.problems().get(0));
    }

    @Test
    void anUntouchedFileHasNothingToImport() {
        ReviewFile.Invalid invalid = assertThrows(ReviewFile.Invalid.class, () -> ReviewFile.read(written(), "ann"));
        assertEquals(List.of("no entry has a verdict yet: fill in accept and introduces_bug (yes or no) first"),
                invalid.problems());
    }

    @Test
    void brokenYamlAndMissingIdsAreNamed() {
        ReviewFile.Invalid yaml = assertThrows(ReviewFile.Invalid.class,
                () -> ReviewFile.read("reviewer: ann\nentries: [\n", null));
        assertTrue(yaml.problems().get(0).startsWith("not YAML at line"), yaml.problems().toString());

        String noRun = fill(written(), "e1", "yes", "no", null).replace("\nrun: run-1\n", "\n")
                .replace("- entry: e3", "- entry: e1");
        ReviewFile.Invalid invalid = assertThrows(ReviewFile.Invalid.class, () -> ReviewFile.read(noRun, "ann"));
        assertEquals(List.of("field run: missing; keep it as the export wrote it",
                "entry e1, field entry: appears twice; each entry may be judged once"), invalid.problems());
        ReviewFile.Invalid empty = assertThrows(ReviewFile.Invalid.class, () -> ReviewFile.read("", "ann"));
        assertTrue(empty.problems().get(0).startsWith("not a review file"), empty.problems().toString());
    }
}
