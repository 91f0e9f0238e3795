package io.evalwatch.simulator.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.work.GoldLocation;
import io.evalwatch.events.work.KnownFinding;
import io.evalwatch.events.work.SourceFile;
import io.evalwatch.simulator.profile.ErrorInjection;
import io.evalwatch.simulator.profile.KindSkills;
import io.evalwatch.simulator.profile.LogNormal;
import io.evalwatch.simulator.profile.ModelVersion;
import io.evalwatch.simulator.profile.OutputStyle;
import io.evalwatch.simulator.profile.Quirks;
import io.evalwatch.simulator.truth.AnswerKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KindAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINES = "x = 1\n".repeat(40);

    private static ModelVersion version(KindSkills skills, OutputStyle style) {
        return new ModelVersion("v", "fp", 7, 0.5, Map.of(AnswerKind.REFUSAL, 1.0), style, new LogNormal(10, 0),
                new LogNormal(100, 0), ErrorInjection.none(), null, Quirks.none(), skills);
    }

    private static TaskSpec review() {
        return new TaskSpec("rev", "security", TaskKind.REVIEW, "python", "Review it.", null, List.of(), 5, List.of(),
                null, null, null, List.of(new SourceFile("a.py", LINES), new SourceFile("b.py", LINES)), null,
                List.of(new KnownFinding("a.py", 10, 12, 1, "sql_injection", "high", "n"),
                        new KnownFinding("a.py", 30, 30, 3, "deprecated_api", "low", "n")), List.of(), 2);
    }

    private static TaskSpec search() {
        return new TaskSpec("srch", "shipping", TaskKind.SEARCH, "python", "Where?", null, List.of(), 5, List.of(),
                null, null, null, List.of(
                        new SourceFile("s/tax.py", "def vat():\n    pass\n\ndef vat_exempt():\n    pass\n"),
                        new SourceFile("s/cart.py", "def add():\n    pass\n"),
                        new SourceFile("s/ship.py", "class Parcel:\n    pass\n"),
                        new SourceFile("s/notes.md", "nothing to define\n")),
                null, List.of(), List.of(new GoldLocation("s/tax.py", "vat")), 2);
    }

    @Test
    void reviewReportsEveryFindingAtCertaintyAndInventsAwayFromThem() throws Exception {
        KindAnswers.KindAnswer answer = KindAnswers.review(
                version(new KindSkills(List.of(1.0, 1.0, 1.0), 1.0, List.of(1.0), 0), OutputStyle.RAW), review(), 42,
                AnswerKind.REFERENCE);
        assertEquals(List.of(0, 1), answer.truth().reportedFindings());
        assertEquals(2, answer.truth().inventedFindings());
        JsonNode findings = JSON.readTree(answer.content());
        assertEquals(4, findings.size());
        assertEquals(10, findings.get(0).get("line").asInt());
        for (int i = 2; i < 4; i++) {
            JsonNode invented = findings.get(i);
            int line = invented.get("line").asInt();
            if (invented.get("file").asText().equals("a.py")) {
                assertTrue(line < 10 - 6 || line > 12 + 6, "near the first known finding: " + line);
                assertTrue(line < 30 - 6 || line > 30 + 6, "near the second known finding: " + line);
            }
        }
    }

    @Test
    void reviewFindsNothingAtZeroAndTheDecidedSyntaxErrorIsMalformedJson() {
        KindSkills none = new KindSkills(List.of(0.0, 0.0, 0.0), 0.0, List.of(), 0);
        KindAnswers.KindAnswer empty = KindAnswers.review(version(none, OutputStyle.FENCED), review(), 1,
                AnswerKind.REFERENCE);
        assertEquals(List.of(), empty.truth().reportedFindings());
        assertTrue(empty.content().startsWith("```json\n["));
        KindAnswers.KindAnswer cut = KindAnswers.review(
                version(new KindSkills(List.of(1.0, 1.0, 1.0), 0, List.of(), 0), OutputStyle.RAW), review(), 1,
                AnswerKind.SYNTAX_ERROR);
        assertTrue(cut.truth().malformed());
        assertThrows(Exception.class, () -> JSON.readTree(cut.content()));
        assertTrue(KindAnswers.review(version(none, OutputStyle.RAW), review(), 1, AnswerKind.REFUSAL).truth()
                .refused());
    }

    @Test
    void searchPutsTheGoldAtItsDrawnRankAfterDistractors() throws Exception {
        // all the probability on rank 3: two distractors, then the gold
        KindAnswers.KindAnswer answer = KindAnswers.search(
                version(new KindSkills(List.of(1.0, 1.0, 1.0), 0, List.of(0.0, 0.0, 1.0), 0), OutputStyle.RAW),
                search(), 9, AnswerKind.REFERENCE);
        assertEquals(3, answer.truth().goldRank());
        JsonNode locations = JSON.readTree(answer.content());
        assertEquals("s/tax.py", locations.get(2).get("file").asText());
        assertEquals("vat", locations.get(2).get("symbol").asText());
        for (int i : new int[] {0, 1}) {
            assertFalse(locations.get(i).get("file").asText().equals("s/tax.py"));
        }
        // the corpus holds 2 distractors with a symbol (notes.md defines none): 3 answers in all
        assertEquals(3, locations.size());
    }

    @Test
    void aNearMissTakesTheFirstPlaceWithAnotherSymbolOfTheGoldFile() throws Exception {
        KindAnswers.KindAnswer answer = KindAnswers.search(
                version(new KindSkills(List.of(1.0, 1.0, 1.0), 0, List.of(), 1.0), OutputStyle.RAW), search(), 9,
                AnswerKind.REFERENCE);
        assertTrue(answer.truth().nearMissFirst());
        assertEquals(2, answer.truth().goldRank());
        JsonNode locations = JSON.readTree(answer.content());
        assertEquals("vat_exempt", locations.get(0).get("symbol").asText());
        assertEquals("vat", locations.get(1).get("symbol").asText());
    }

    @Test
    void aMissListsOnlyDistractors() throws Exception {
        KindAnswers.KindAnswer answer = KindAnswers.search(
                version(new KindSkills(List.of(1.0, 1.0, 1.0), 0, List.of(), 0), OutputStyle.RAW), search(), 9,
                AnswerKind.REFERENCE);
        assertEquals(0, answer.truth().goldRank());
        JSON.readTree(answer.content()).forEach(l -> assertFalse(l.get("file").asText().equals("s/tax.py")));
    }

    @Test
    void skillsDerivedFromThePassProbabilityAddUpWithinOne() {
        KindSkills skills = KindSkills.derivedFrom(0.7);
        assertEquals(0.7, skills.found(1), 1e-12);
        assertEquals(0.42, skills.found(3), 1e-12);
        double total = skills.searchNearMiss() + skills.searchRanks().stream().mapToDouble(Double::doubleValue).sum();
        assertTrue(total <= 1.0);
    }
}
