package io.evalwatch.reporting.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.ledger.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunReportBuilderTest {

    @Test
    void summarisesEachModelWithPassAtKFailureMixLatencyAndCost() {
        List<ItemResult> items = new ArrayList<>();
        // model a: task x passes 2 of 3 samples, task y 0 of 3
        items.add(item("a", "x", "lists", 0, true, "none", 0.1, 0.02));
        items.add(item("a", "x", "lists", 1, true, "none", 0.2, 0.02));
        items.add(item("a", "x", "lists", 2, false, "edge_case_failure", 0.3, 0.02));
        items.add(item("a", "y", "strings", 0, false, "wrong_answer", 0.4, 0.02));
        items.add(item("a", "y", "strings", 1, false, "wrong_answer", 0.5, 0.02));
        items.add(item("a", "y", "strings", 2, false, "syntax_error", null, 0.02));
        items.add(item("b", "x", "lists", 0, true, "none", 1.0, 0.5));
        RunRecord run = new RunRecord();
        run.runId = "r";
        run.expectedItems = 8;
        ItemResult errored = item(null, null, null, 0, false, "pipeline_error", null, 0);
        errored.errored = true;
        items.add(errored);

        RunReport report = RunReportBuilder.build(run, items);

        assertEquals(7, report.scoredItems());
        assertEquals(1, report.erroredItems());
        RunReport.ModelReport a = report.models().get(0);
        assertEquals("a", a.model());
        assertEquals(6, a.items());
        assertEquals(2.0 / 6, a.passAt1(), 1e-12);
        // pass@3: task x has a pass among its 3 samples (1.0), task y does not (0.0)
        assertEquals(0.5, a.passAtK().get("pass@3"), 1e-12);
        assertEquals(Map.of("none", 2L, "edge_case_failure", 1L, "wrong_answer", 2L, "syntax_error", 1L), a.failureMix());
        assertEquals(0.3, a.latency().ttftP50(), 1e-12);
        assertEquals(0.12, a.cost().totalUsd(), 1e-12);
        assertEquals(0.06, a.cost().perPassedTaskUsd(), 1e-12);
        assertEquals(2, a.categories().size());
        assertEquals(2.0 / 3, a.categories().get(0).passAt1(), 1e-12);
        assertEquals(0.0, a.categories().get(1).passAt1(), 1e-12);
    }

    static ItemResult item(String model, String task, String category, int sample, boolean passed, String failure,
            Double ttft, double cost) {
        ItemResult i = new ItemResult();
        i.itemId = "r/" + task + "/" + model + "/" + sample + "/base";
        i.model = model;
        i.taskId = task;
        i.category = category;
        i.sample = sample;
        i.passed = passed;
        i.failureCategory = failure;
        i.ttftSeconds = ttft;
        i.costUsd = cost;
        i.weightedAccuracy = passed ? 1.0 : -1.0;
        return i;
    }
}
