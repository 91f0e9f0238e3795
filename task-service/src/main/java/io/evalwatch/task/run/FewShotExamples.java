package io.evalwatch.task.run;

import io.evalwatch.events.FewShotExample;
import io.evalwatch.task.suite.TaskDefinition;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The solved examples a few-shot item shows: k other tasks of the same suite, kind and language that have a reference
 * solution, never the task itself. Drawn deterministically (ordered by a hash of the task's and the candidate's ids),
 * so every run, model and sample of a task shows the same examples and a rerun sends the same prompt; a different
 * task gets its own draw, so no few tasks serve as everybody's examples.
 */
public final class FewShotExamples {

    private FewShotExamples() {
    }

    public static List<FewShotExample> of(List<TaskDefinition> suiteTasks, TaskDefinition task, int k) {
        return suiteTasks.stream()
                .filter(t -> !t.id().equals(task.id()))
                .filter(t -> t.kind() == task.kind() && Objects.equals(t.language(), task.language()))
                .filter(t -> t.reference() != null && !t.reference().isBlank() && t.prompt() != null)
                .sorted(Comparator.comparing((TaskDefinition t) -> RunPlan.sha256(task.id() + "\n" + t.id()))
                        .thenComparing(TaskDefinition::id))
                .limit(k)
                .map(t -> new FewShotExample(t.id(), t.prompt(), t.reference()))
                .toList();
    }
}
