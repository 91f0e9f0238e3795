package io.evalwatch.reporting.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.ItemMetrics;
import io.evalwatch.reporting.composite.CompositePart;
import io.evalwatch.reporting.composite.CompositeWeights;
import io.evalwatch.reporting.ledger.ItemResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontierCompositeTest {

    @Test
    void aPointsCompositeIsTheWeightedScoreAndThePlacedPointShowsItsParts() {
        // both pass; a is clean, b has a security finding: equal pass rates, b's composite is lower
        Frontier.Point a = FrontierService.point("a", "r", List.of(item(true, 0.0), item(true, 0.0)),
                CompositeWeights.DEFAULTS, null);
        Frontier.Point b = FrontierService.point("b", "r", List.of(item(true, 0.0), item(true, 3.0)),
                CompositeWeights.DEFAULTS, 1.0);

        assertEquals(1.0, a.composite(), 1e-12);
        // pass 1 (0.4), no finding on half (0.2), all accepted (0.1); types and complexity unmeasured
        assertEquals((0.4 + 0.2 * 0.5 + 0.1) / 0.7, b.composite(), 1e-12);
        List<Frontier.Placed> placed = Frontier.place(List.of(a, b));
        Frontier.Placed placedB = placed.stream().filter(p -> p.model().equals("b")).findFirst().orElseThrow();
        // same cost per task, lower composite: b is dominated by a
        assertEquals("a", placedB.dominatedBy());
        assertEquals(List.of(CompositePart.TYPE_ERRORS, CompositePart.COMPLEXITY_DELTA), placedB.compositeMissing());
        assertEquals(3, placedB.compositeParts().size());
        Frontier.Placed placedA = placed.stream().filter(p -> p.model().equals("a")).findFirst().orElseThrow();
        assertTrue(placedA.compositeMissing().contains(CompositePart.HUMAN_ACCEPT_RATE));
    }

    private static ItemResult item(boolean passed, double securityFindings) {
        ItemResult i = new ItemResult();
        i.passed = passed;
        i.costUsd = 0.01;
        i.failureCategory = passed ? "none" : "wrong_answer";
        i.metrics = Map.of(ItemMetrics.SECURITY_FINDINGS, securityFindings);
        return i;
    }
}
