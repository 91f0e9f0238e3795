package io.evalwatch.task.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.probe.LongContext;
import io.evalwatch.events.probe.LongContext.Cell;
import io.evalwatch.events.probe.LongContext.Function;
import io.evalwatch.events.work.SourceFile;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongContextItemsTest {

    @Test
    void countsTokensWithCl100kBase() {
        // cl100k_base's own figures for these strings (tiktoken gives the same)
        assertEquals(0, LongContextItems.countTokens(""));
        assertEquals(4, LongContextItems.countTokens("def f(x):"));
        assertEquals(3, LongContextItems.countTokens("hello world!"));
    }

    @Test
    void placesTheNeedleAtEachPositionOfEachSize() {
        for (Function needle : LongContextItems.needles(7)) {
            for (int size : List.of(2000, 8000, 32000)) {
                for (int position : LongContext.POSITIONS) {
                    LongContextItems.NeedleTask task = LongContextItems.build(needle, new Cell(size, position));
                    String where = needle.name() + " at " + position + " % of " + size;
                    // the context fills its size to within the largest function (about 1,300 tokens)
                    assertTrue(task.contextTokens() <= size && task.contextTokens() > size - 1400, where);
                    // off by at most half a function: the functions around it, at most a tenth at 8k and above
                    double tolerance = size >= 8000 ? 0.1 : 0.35;
                    assertEquals(position / 100.0, task.position(), tolerance, where);
                    assertNeedleWhereItSays(task, where);
                }
            }
        }
    }

    @Test
    void theContextsTokensAreTheFilesTokens() {
        LongContextItems.NeedleTask task = LongContextItems.build(LongContextItems.needles(3).get(1),
                new Cell(8000, 30));
        int counted = task.spec().files().stream().mapToInt(f -> LongContextItems.countTokens(f.content())).sum();
        // each function counted alone: the joints between them add a token or two each, no more
        int functions = task.spec().files().stream().mapToInt(f -> f.content().split("\n\ndef |\n\n@", -1).length)
                .sum();
        assertTrue(Math.abs(counted - task.contextTokens()) <= 2 * functions + 10,
                counted + " against " + task.contextTokens());
    }

    @Test
    void aSearchTaskThatAsksByDescriptionAlone() {
        Function needle = LongContextItems.needles(5).get(2);
        TaskSpec spec = LongContextItems.build(needle, new Cell(4000, 50)).spec();
        assertEquals(TaskKind.SEARCH, spec.kind());
        assertEquals("needle-" + needle.name(), spec.id());
        assertEquals(LongContext.question(needle.description()), spec.prompt());
        assertFalse(spec.prompt().matches("(?s).*\\b" + needle.name() + "\\b.*"), spec.prompt());
        assertEquals(needle.name(), spec.gold().get(0).symbol());
        assertEquals(needle.description(), LongContext.descriptionIn("Question: " + spec.prompt()).orElseThrow());
        // one file per path: a file is never split around another
        Set<String> paths = new HashSet<>();
        spec.files().forEach(f -> assertTrue(paths.add(f.path()), f.path()));
        // the needle's own module is not in the haystack
        long sameName = spec.files().stream().filter(f -> f.content().contains("\ndef " + needle.name() + "(")
                || f.content().startsWith("def " + needle.name() + "(")).count();
        assertEquals(1, sameName);
    }

    @Test
    void deterministicAndTheSameHaystackAtEveryPosition() {
        Function needle = LongContextItems.needles(4).get(0);
        TaskSpec a = LongContextItems.build(needle, new Cell(4000, 10)).spec();
        assertEquals(a, LongContextItems.build(needle, new Cell(4000, 10)).spec());
        TaskSpec b = LongContextItems.build(needle, new Cell(4000, 90)).spec();
        assertEquals(content(a).length(), content(b).length());
        assertEquals(a.files().stream().map(SourceFile::path).distinct().sorted().toList(),
                b.files().stream().map(SourceFile::path).distinct().sorted().toList());
    }

    @Test
    void cellsNameTheirSizeAndPosition() {
        assertEquals("long-context-8k-50", new Cell(8000, 50).variant());
        assertEquals("long-context-2500-10", new Cell(2500, 10).variant());
        assertEquals(new Cell(8000, 50), LongContext.cellOf("long-context-8k-50").orElseThrow());
        assertEquals(new Cell(2500, 10), LongContext.cellOf("long-context-2500-10").orElseThrow());
        assertTrue(LongContext.cellOf("long-context").isEmpty());
        assertEquals(10, new LongContextItems.Options(List.of(4000, 2000), 1).cells().size());
        assertTrue(new LongContextItems.Options(List.of(10_000_000), 1).problem().isPresent());
        assertTrue(LongContextItems.maxSizeTokens() > 32_000, "max " + LongContextItems.maxSizeTokens());
    }

    private static String content(TaskSpec spec) {
        StringBuilder all = new StringBuilder();
        spec.files().forEach(f -> all.append(f.content()));
        return all.toString();
    }

    private static void assertNeedleWhereItSays(LongContextItems.NeedleTask task, String where) {
        String needleCode = task.needle().code();
        int before = 0;
        for (SourceFile file : task.spec().files()) {
            int at = file.content().indexOf(needleCode);
            if (at >= 0) {
                assertEquals(task.spec().gold().get(0).file(), file.path(), where);
                before += LongContextItems.countTokens(file.content().substring(0, at));
                // counted whole against function by function: within a few tokens per function before it
                assertEquals(task.tokensBeforeNeedle(), before, 2 + task.contextTokens() / 50.0, where);
                return;
            }
            before += LongContextItems.countTokens(file.content());
        }
        throw new AssertionError("needle missing: " + where);
    }
}
