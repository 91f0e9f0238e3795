package io.evalwatch.simulator.answer;

import io.evalwatch.simulator.profile.OutputStyle;
import io.evalwatch.simulator.service.PythonMutationCheck;
import io.evalwatch.simulator.task.SimTask;
import io.evalwatch.simulator.task.TaskFiles;
import io.evalwatch.simulator.truth.AnswerKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind the truth can decide becomes an answer that passes exactly when the kind says it does. */
class AnswerComposerTest {

    private final List<SimTask> tasks = TaskFiles.loadSuites(Path.of("src/test/resources/suites"));
    private final PythonMutationCheck check = new PythonMutationCheck("python3", 20);
    private final AnswerComposer composer = new AnswerComposer(check);

    @Test
    void onlyTheReferencePassesForEveryTaskAndKind() {
        for (SimTask task : tasks) {
            for (AnswerKind kind : AnswerKind.values()) {
                SimulatedAnswer answer = composer.compose(kind, task, tasks, 7, 42, OutputStyle.RAW);
                assertEquals(kind, answer.decided());
                if (kind == AnswerKind.REFUSAL) {
                    assertNull(answer.code());
                    continue;
                }
                boolean fails = check.failsTests(task, answer.code());
                assertEquals(!kind.expectedToPass(), fails, task.id() + " " + kind + " delivered as "
                        + answer.delivered() + ":\n" + answer.code());
            }
        }
    }

    @Test
    void simulationBlocksAreUsedWhenPresent() {
        SimTask task = tasks.stream().filter(t -> t.id().equals("running-max")).findFirst().orElseThrow();
        SimulatedAnswer answer = composer.compose(AnswerKind.OFF_BY_ONE, task, tasks, 7, 42, OutputStyle.RAW);
        assertEquals(task.simulation().get(AnswerKind.OFF_BY_ONE).strip(), answer.content());
    }

    @Test
    void aMistakeThatDoesNotApplyFallsBackToAFailingKind() {
        SimTask task = tasks.stream().filter(t -> t.id().equals("count-words")).findFirst().orElseThrow();
        SimulatedAnswer answer = composer.compose(AnswerKind.MISSING_EDGE_CASE, task, tasks, 7, 42,
                OutputStyle.FENCED);
        assertEquals(AnswerKind.HALLUCINATED_API, answer.delivered());
        assertTrue(answer.content().startsWith("```python\n") && answer.content().endsWith("\n```"));
    }

    @Test
    void wrongProblemIsAnotherTasksSolutionUnderThisName() {
        SimTask task = tasks.stream().filter(t -> t.id().equals("sum-range")).findFirst().orElseThrow();
        SimulatedAnswer answer = composer.compose(AnswerKind.WRONG_PROBLEM, task, tasks, 7, 42, OutputStyle.RAW);
        assertEquals(AnswerKind.WRONG_PROBLEM, answer.delivered());
        assertTrue(answer.code().contains("def sum_range("), answer.code());
        assertFalse(answer.code().contains("total += k"), answer.code());
        assertEquals(answer, composer.compose(AnswerKind.WRONG_PROBLEM, task, tasks, 7, 42, OutputStyle.RAW));
    }

    @Test
    void outputStyles() {
        String code = "def f():\n    return 1\n";
        assertEquals("```python\ndef f():\n    return 1\n```", ReplyStyle.render(OutputStyle.FENCED, "python", "f",
                code));
        assertEquals("def f():\n    return 1", ReplyStyle.render(OutputStyle.RAW, "python", "f", code));
        String prose = ReplyStyle.render(OutputStyle.FENCED_WITH_PROSE, "python", "f", code);
        assertTrue(prose.contains("\n\n```python\ndef f():\n    return 1\n```\n\n"), prose);
        assertFalse(prose.startsWith("```") || prose.endsWith("```"), prose);
    }

    @Test
    void tokensJoinBackToTheText() {
        String text = "```python\ndef running_max(values):\n    return [max(values[:i + 1]) for i in range(3)]\n```  ";
        List<String> tokens = Tokens.split(text);
        assertEquals(text, String.join("", tokens));
        assertTrue(tokens.stream().allMatch(t -> t.strip().length() <= 4));
        assertEquals(List.of("Hell", "o", " worl", "d"), Tokens.split("Hello world"));
        assertEquals(3, Tokens.estimate(10));
    }
}
