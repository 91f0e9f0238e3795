package io.evalwatch.generator.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.work.CodeHole;
import io.evalwatch.events.work.GoldLocation;
import io.evalwatch.events.work.KnownFinding;
import io.evalwatch.events.work.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class KindPromptsTest {

    private static TaskSpec task(TaskKind kind, List<SourceFile> files, CodeHole hole, List<KnownFinding> findings,
            List<GoldLocation> gold, String reference) {
        return new TaskSpec("t", "c", kind, "python", "Do the thing.", "f", List.of(), 5, List.of(), null, null,
                reference, files, hole, findings, gold, 2);
    }

    @Test
    void completionShowsContextAndTheHoleButNeverTheReferenceMiddle() {
        String prompt = KindPrompts.render(PromptTemplate.DEFAULT, task(TaskKind.COMPLETION,
                List.of(new SourceFile("kit/money.py", "def to_cents(x):\n    return x\n")),
                new CodeHole("kit/credits.py", "def f(x):\n", "\ndef g():\n    pass\n"), List.of(), List.of(),
                "    return to_cents(x) + 41\n"));
        assertTrue(prompt.startsWith("Do the thing."));
        assertTrue(prompt.contains("### kit/money.py\n```python\ndef to_cents(x):"));
        assertTrue(prompt.contains("`kit/credits.py`"));
        assertTrue(prompt.contains("def f(x):\n<HOLE>\ndef g():"));
        assertFalse(prompt.contains("41"), "the reference middle leaks into the prompt");
    }

    @Test
    void reviewNumbersTheLinesAndKeepsTheKnownFindingsOut() {
        String prompt = KindPrompts.render(PromptTemplate.DEFAULT, task(TaskKind.REVIEW,
                List.of(new SourceFile("app/db.py", "a = 1\nb = 2\n")), null,
                List.of(new KnownFinding("app/db.py", 2, 2, 1, "sql_injection", "high", "SECRET NOTE")), List.of(),
                null));
        assertTrue(prompt.contains("1| a = 1\n2| b = 2\n"));
        assertTrue(prompt.contains("sql_injection"), "the category vocabulary is offered");
        assertFalse(prompt.contains("SECRET NOTE"));
    }

    @Test
    void searchAsksForRankedLocationsAndHidesTheGold() {
        String prompt = KindPrompts.render(PromptTemplate.DEFAULT, task(TaskKind.SEARCH,
                List.of(new SourceFile("shop/tax.py", "def vat():\n    pass\n"),
                        new SourceFile("shop/web/zip.js", "function z() {}\n")), null, List.of(),
                List.of(new GoldLocation("shop/tax.py", "vat")), null));
        assertTrue(prompt.contains("### shop/web/zip.js\n```javascript\n"));
        assertTrue(prompt.contains("Question: Do the thing."));
        assertTrue(prompt.contains("at most 5 locations"));
    }

    @Test
    void generationStillUsesTheModelsTemplate() {
        assertEquals("Do the thing.!", KindPrompts.render("{prompt}!", task(TaskKind.GENERATION, List.of(), null,
                List.of(), List.of(), "def f(): pass")));
    }

    @Test
    void aCompletionWithoutAHoleIsPromptedAsBeforeThroughTheModelsTemplate() {
        // HumanEval's form: the prompt is the code to continue; its prompt (and hash) did not change with the kinds
        assertEquals("Do the thing.!", KindPrompts.render("{prompt}!", task(TaskKind.COMPLETION, List.of(), null,
                List.of(), List.of(), "def f(): pass")));
    }

    @Test
    void aFileHoldingAFenceGetsALongerFence() {
        String prompt = KindPrompts.render(PromptTemplate.DEFAULT, task(TaskKind.SEARCH,
                List.of(new SourceFile("README.md", "```\ncode\n```\n")), null, List.of(), List.of(), null));
        assertTrue(prompt.contains("````python\n```\ncode\n```\n````\n"));
    }
}
