package io.evalwatch.simulator.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.probe.LongContext;
import io.evalwatch.events.probe.LongContext.Function;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeedleSearchTest {

    private static final List<Function> CORPUS = LongContext.corpus();

    @Test
    void readsTheNeedleAndItsPositionFromThePrompt() {
        Function needle = CORPUS.get(200);
        for (int position : LongContext.POSITIONS) {
            // 40 functions of other modules, the needle after position % of them (as search prompts frame files)
            List<Function> others = CORPUS.subList(0, 40);
            int at = others.size() * position / 100;
            String prompt = prompt(others.subList(0, at), needle, others.subList(at, others.size()));
            NeedleSearch search = NeedleSearch.read(prompt).orElseThrow();
            assertEquals(needle, search.needle());
            assertEquals("haystack.py", search.file());
            // characters stand in for tokens: within the 10 points that separate positions from their neighbours
            assertEquals(position, search.positionPercent(), 10, "at " + position);
            assertEquals(40, search.others().size());
        }
    }

    @Test
    void answersTheNeedleWhenFoundAndAnotherFunctionWhenNot() {
        Function needle = CORPUS.get(5);
        NeedleSearch search = NeedleSearch.read(prompt(CORPUS.subList(100, 110), needle, List.of())).orElseThrow();
        assertEquals("[{\"file\": \"haystack.py\", \"symbol\": \"" + needle.name() + "\"}]", search.answer(true, 3));
        String missed = search.answer(false, 3);
        assertTrue(missed.contains("\"symbol\": \"" + CORPUS.get(103).name() + "\""), missed);
    }

    @Test
    void otherPromptsAreNoNeedleSearch() {
        assertTrue(NeedleSearch.read("Write a function that adds two numbers.").isEmpty());
        assertTrue(NeedleSearch.read(LongContext.question("something no corpus function does")).isEmpty());
    }

    private static String prompt(List<Function> before, Function needle, List<Function> after) {
        StringBuilder text = new StringBuilder("The files of a repository:\n\n### haystack.py\n```python\n");
        before.forEach(f -> text.append(f.code()).append('\n'));
        text.append(needle.code()).append('\n');
        after.forEach(f -> text.append(f.code()).append('\n'));
        text.append("```\n\nQuestion: ").append(LongContext.question(needle.description()))
                .append("\n\nReply with a JSON array of at most 5 locations.");
        return text.toString();
    }
}
