package io.evalwatch.task.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TestCase;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RotationPlanTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    private static final Suite SUITE = new Suite("s", "1.0.0", "", List.of(
            task("a1", "arith", "2026-06-01"),
            task("a2", "arith", "2025-01-01"),
            task("a3", "arith", null),
            task("a4", "arith", "2025-06-01"),
            task("t1", "text", "2026-01-01"),
            task("t2", "text", "2026-05-01"),
            task("d1", "dates", "2025-12-01"),
            task("d2", "dates", "2026-06-20"),
            task("p1", "parsing", "2026-06-25"),
            task("p2", "parsing", "2026-06-26")));

    @Test
    void dueTasksAreNeverReviewedFirstThenOldestReview() {
        RotationPlan plan = RotationPlan.of(SUITE, TODAY, 90, 0.2);

        // 90 days before 2026-06-30 is 2026-04-01
        assertEquals(List.of("a3", "a2", "a4", "d1", "t1"), plan.due().stream().map(RotationPlan.Entry::id).toList());
        assertNull(plan.due().get(0).reviewed());
        assertEquals(545L, plan.due().get(1).daysSinceReview());
        assertEquals(10, plan.tasks());
    }

    @Test
    void theProposalTakesTheOldestOfEachCategoryInTurn() {
        // 20 % of 10 tasks: the oldest arith task and then the oldest of another category, not two arith tasks
        assertEquals(List.of("a3", "d1"), ids(RotationPlan.of(SUITE, TODAY, 90, 0.2).proposed()));
        // 50 %: one round over the four categories, then the next-oldest of the next round
        assertEquals(List.of("a3", "d1", "t1", "p1", "a2"), ids(RotationPlan.of(SUITE, TODAY, 90, 0.5).proposed()));
        assertEquals(10, RotationPlan.of(SUITE, TODAY, 90, 1.0).proposed().size());
        assertEquals(1, RotationPlan.of(SUITE, TODAY, 90, 0.01).proposed().size(), "at least one task");
    }

    private static List<String> ids(List<RotationPlan.Entry> entries) {
        return entries.stream().map(RotationPlan.Entry::id).toList();
    }

    private static TaskDefinition task(String id, String category, String reviewed) {
        return new TaskDefinition(id, category, TaskKind.GENERATION, "python", "f", 5, "p",
                List.of(new TestCase("t", "assert True", false)), "r", List.of(),
                reviewed == null ? null : LocalDate.parse(reviewed));
    }
}
