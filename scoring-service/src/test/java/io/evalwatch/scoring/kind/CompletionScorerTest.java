package io.evalwatch.scoring.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ItemMetrics;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.work.CodeHole;
import io.evalwatch.events.work.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompletionScorerTest {

    static final String REFERENCE = "    total = to_cents(amount)\n    return Money(total, currency)\n";

    static TaskSpec task(String reference) {
        return new TaskSpec("credit", "money", TaskKind.COMPLETION, "python", "p", "apply_credit", List.of(), 5,
                List.of("domain:billing"), null, null, reference,
                List.of(new SourceFile("ledgerkit/money.py",
                        "class Money:\n    pass\n\ndef to_cents(value):\n    return round(value * 100)\n")),
                new CodeHole("ledgerkit/invoices.py",
                        "from ledgerkit.money import Money, to_cents\n\ndef apply_credit(invoice, amount, currency):\n",
                        "\n# end\n"),
                List.of(), List.of(), 2);
    }

    @Test
    void theReferenceItselfIsAPerfectMatch() {
        Map<String, Double> m = CompletionScorer.metrics(REFERENCE, task(REFERENCE));
        assertEquals(1.0, m.get(ItemMetrics.COMPLETION_EXACT_MATCH));
        assertEquals(1.0, m.get(ItemMetrics.COMPLETION_EDIT_SIMILARITY), 1e-12);
        assertEquals(1.0, m.get(ItemMetrics.COMPLETION_IDENTIFIER_F1), 1e-12);
        assertEquals(0.0, m.get(ItemMetrics.COMPLETION_INVENTED_IDENTIFIERS));
    }

    @Test
    void theReferenceAsAFenceGivesItBackWithoutItsLastNewlineIsStillNoEdit() {
        // a fenced block drops the middle's final newline and any blank line before it; the indentation stays
        Map<String, Double> m = CompletionScorer.metrics("\n" + REFERENCE.stripTrailing(), task(REFERENCE));
        assertEquals(1.0, m.get(ItemMetrics.COMPLETION_EDIT_SIMILARITY), 1e-12);
        Map<String, Double> dedented = CompletionScorer.metrics(REFERENCE.stripLeading(), task(REFERENCE));
        assertTrue(dedented.get(ItemMetrics.COMPLETION_EDIT_SIMILARITY) < 1.0, "a lost indentation is an edit");
    }

    @Test
    void exactMatchIgnoresTrailingWhitespaceAndBlankLinesButNotIndentation() {
        String spaced = "    total = to_cents(amount)   \n\n    return Money(total, currency)";
        assertEquals(1.0, CompletionScorer.metrics(spaced, task(REFERENCE)).get(ItemMetrics.COMPLETION_EXACT_MATCH));
        String dedented = "total = to_cents(amount)\nreturn Money(total, currency)\n";
        assertEquals(0.0, CompletionScorer.metrics(dedented, task(REFERENCE)).get(ItemMetrics.COMPLETION_EXACT_MATCH));
    }

    @Test
    void editSimilarityIsOneMinusLevenshteinOverTheLongerLength() {
        // compared without the final newline: "    return a + b" and "    return a - b", 16 characters each, one
        // substitution: 1 - 1/16
        Map<String, Double> m = CompletionScorer.metrics("    return a + b\n", task("    return a - b\n"));
        assertEquals(1 - 1.0 / 16, m.get(ItemMetrics.COMPLETION_EDIT_SIMILARITY), 1e-12);
        // "    return a" (12) against "    return a - b" (16): 4 insertions, 1 - 4/16
        m = CompletionScorer.metrics("    return a\n", task("    return a - b\n"));
        assertEquals(1 - 4.0 / 16, m.get(ItemMetrics.COMPLETION_EDIT_SIMILARITY), 1e-12);
    }

    @Test
    void identifierPrecisionRecallAndF1CompareSetsWithoutBuiltins() {
        // reference: {total, to_cents, amount, Money, currency} (5)
        // middle:    {total, amount, Money, curr} (4; round is a builtin, total appears twice: a set)
        // common:    {total, amount, Money} (3) -> precision 3/4, recall 3/5, F1 2*0.75*0.6/1.35 = 2/3
        String middle = "    total = round(amount * 100)\n    total = total\n    return Money(total, curr)\n";
        Map<String, Double> m = CompletionScorer.metrics(middle, task(REFERENCE));
        assertEquals(0.75, m.get(ItemMetrics.COMPLETION_IDENTIFIER_PRECISION), 1e-12);
        assertEquals(0.6, m.get(ItemMetrics.COMPLETION_IDENTIFIER_RECALL), 1e-12);
        assertEquals(2.0 / 3, m.get(ItemMetrics.COMPLETION_IDENTIFIER_F1), 1e-12);
        assertEquals(0.0, m.get(ItemMetrics.COMPLETION_EXACT_MATCH));
    }

    @Test
    void anEmptyMiddleScoresZeroEverywhereAndInventsNothing() {
        // edit: 1 - len(ref)/len(ref) = 0; identifiers: none of 5 -> precision 0 (defined), recall 0/5, F1 0
        for (String empty : new String[] {"", null}) {
            Map<String, Double> m = CompletionScorer.metrics(empty, task(REFERENCE));
            assertEquals(0.0, m.get(ItemMetrics.COMPLETION_EXACT_MATCH));
            assertEquals(0.0, m.get(ItemMetrics.COMPLETION_EDIT_SIMILARITY), 1e-12);
            assertEquals(0.0, m.get(ItemMetrics.COMPLETION_IDENTIFIER_PRECISION));
            assertEquals(0.0, m.get(ItemMetrics.COMPLETION_IDENTIFIER_RECALL));
            assertEquals(0.0, m.get(ItemMetrics.COMPLETION_IDENTIFIER_F1));
            assertEquals(0.0, m.get(ItemMetrics.COMPLETION_INVENTED_IDENTIFIERS));
        }
    }

    @Test
    void inventedIdentifiersAreNamesUsedThatNothingDefines() {
        // used: cents, _to_minor_units, amount, fee, compute_fee, Money, currency, HALF_UP, ROUND_UP, line, lines
        //   (.rounded is an attribute, mode= a keyword argument, len a builtin, "# helper(x)" a comment)
        // bound in the middle: ROUND_UP (import), cents, fee (assignments), line (for target)
        // known elsewhere: amount, currency (prefix), Money (prefix and context), invoice (prefix)
        // left: _to_minor_units, compute_fee, HALF_UP, lines -> 4
        String middle = "    from decimal import ROUND_UP\n"
                + "    cents = _to_minor_units(amount)  # helper(x)\n"
                + "    fee = compute_fee(cents, \"fee_table\")\n"
                + "    for line in lines:\n"
                + "        fee += len(line)\n"
                + "    return Money(cents - fee, currency=currency).rounded(mode=HALF_UP, up=ROUND_UP)\n";
        assertEquals(Set.of("_to_minor_units", "compute_fee", "HALF_UP", "lines"),
                CompletionScorer.invented(middle, task(REFERENCE)));
        assertEquals(4.0, CompletionScorer.metrics(middle, task(REFERENCE))
                .get(ItemMetrics.COMPLETION_INVENTED_IDENTIFIERS));
    }

    @Test
    void aNameOfTheReferenceOrTheContextIsNotInvented() {
        // to_cents is defined in the context file and used by the reference: the model used the context's helper
        assertEquals(Set.of(), CompletionScorer.invented("    return to_cents(amount)\n", task(REFERENCE)));
        // without a reference the context still defines it
        assertEquals(Set.of(), CompletionScorer.invented("    return to_cents(amount)\n", task(null)));
    }

    @Test
    void withoutAReferenceOnlyTheInventedIdentifiersAreMeasured() {
        assertEquals(Map.of(ItemMetrics.COMPLETION_INVENTED_IDENTIFIERS, 1.0),
                CompletionScorer.metrics("    return helper(amount)\n", task(null)));
    }

    @Test
    void bindingsAreRecognisedLexically() {
        String code = "def f(a, b=1, *rest, c: int = 2, **kw):\n"
                + "    x, (y, z) = a\n"
                + "    d[key] = 1\n"
                + "    obj.attr = 2\n"
                + "    total: Money = 0\n"
                + "    if ready: w = 3\n"
                + "    g = lambda p, q: p + q\n"
                + "    with open(p) as fh:\n"
                + "        pass\n"
                + "    if (n := 10) > 5:\n"
                + "        pass\n"
                + "    squares = [i * i for i in range(n)]\n"
                + "    import os.path\n";
        assertEquals(Set.of("f", "a", "b", "rest", "c", "kw", "x", "y", "z", "total", "w", "g", "p", "q", "fh", "n",
                "squares", "i", "os"), PythonIdentifiers.bound(code));
    }

    @Test
    void stringsCommentsAndNumbersHoldNoIdentifiers() {
        assertEquals(Set.of("x"), PythonIdentifiers.identifiers(
                "x = 'abc' + \"de\\\"f\" + f'{y}' + rb'z' + \"\"\"doc\nmore\"\"\" + 1e5 + 0x1F  # note\n"));
    }
}
