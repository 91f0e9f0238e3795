package io.evalwatch.reporting.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.reporting.review.StratifiedSample.Candidate;
import io.evalwatch.reporting.review.StratifiedSample.Pick;
import io.evalwatch.reporting.review.StratifiedSample.Stratum;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StratifiedSampleTest {

    /** Items m-00 .. m-(n-1) of one model, item i scored i / n. */
    private static List<Candidate> items(String model, int n) {
        List<Candidate> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new Candidate(String.format("%s-%02d", model, i), model, (double) i / n));
        }
        return items;
    }

    private static Map<Stratum, List<Pick>> byStratum(List<Pick> picks) {
        return picks.stream().collect(Collectors.groupingBy(Pick::stratum));
    }

    private static int index(Pick p) {
        return Integer.parseInt(p.itemId().substring(p.itemId().lastIndexOf('-') + 1));
    }

    @Test
    void theBudgetSetsTheSizeButNeverBeyondTheRun() {
        assertEquals(30, StratifiedSample.size(30, 60, 500)); // 1800 s / 60 s
        assertEquals(45, StratifiedSample.size(30, 40, 500));
        assertEquals(12, StratifiedSample.size(30, 60, 12));
        assertEquals(0, StratifiedSample.size(1, 90, 500)); // 60 s buys no 90 s item
        assertThrows(IllegalArgumentException.class, () -> StratifiedSample.size(0, 60, 10));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSample.size(30, -1, 10));
    }

    @Test
    void equalThirdsFromTheTopTheBottomAndTheMiddle() {
        List<Pick> picks = StratifiedSample.draw(items("m", 30), 9, 7);
        Map<Stratum, List<Pick>> strata = byStratum(picks);
        assertEquals(Set.of(27, 28, 29), strata.get(Stratum.top).stream().map(StratifiedSampleTest::index)
                .collect(Collectors.toSet()));
        assertEquals(Set.of(0, 1, 2), strata.get(Stratum.bottom).stream().map(StratifiedSampleTest::index)
                .collect(Collectors.toSet()));
        assertEquals(3, strata.get(Stratum.middle).size());
        strata.get(Stratum.middle).forEach(p -> assertTrue(index(p) > 2 && index(p) < 27, p.toString()));
    }

    @Test
    void aRemainderGoesToTheTopFirstThenTheBottom() {
        Map<Stratum, List<Pick>> ten = byStratum(StratifiedSample.draw(items("m", 30), 10, 1));
        assertEquals(List.of(4, 3, 3), List.of(ten.get(Stratum.top).size(), ten.get(Stratum.bottom).size(),
                ten.get(Stratum.middle).size()));
        Map<Stratum, List<Pick>> eleven = byStratum(StratifiedSample.draw(items("m", 30), 11, 1));
        assertEquals(List.of(4, 4, 3), List.of(eleven.get(Stratum.top).size(), eleven.get(Stratum.bottom).size(),
                eleven.get(Stratum.middle).size()));
    }

    @Test
    void modelsShareTheBudgetAndASmallModelGivesItsRestAway() {
        List<Candidate> two = new ArrayList<>(items("a", 20));
        two.addAll(items("b", 20));
        Map<String, Long> even = StratifiedSample.draw(two, 12, 3).stream()
                .collect(Collectors.groupingBy(Pick::model, Collectors.counting()));
        assertEquals(Map.of("a", 6L, "b", 6L), even);

        List<Candidate> uneven = new ArrayList<>(items("a", 2));
        uneven.addAll(items("b", 20));
        Map<String, Long> shares = StratifiedSample.draw(uneven, 10, 3).stream()
                .collect(Collectors.groupingBy(Pick::model, Collectors.counting()));
        assertEquals(Map.of("a", 2L, "b", 8L), shares);
    }

    @Test
    void neverMoreThanTheRunHasAndNoItemTwice() {
        List<Pick> picks = StratifiedSample.draw(items("m", 7), 50, 5);
        assertEquals(7, picks.size());
        assertEquals(7, new HashSet<>(picks.stream().map(Pick::itemId).toList()).size());
    }

    @Test
    void tiesAreBrokenWithinTheirScore() {
        // 10 items scored 1, 10 scored 0: the top third comes from the ones, the bottom third from the zeros
        List<Candidate> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(new Candidate("i" + i, "m", i < 10 ? 1.0 : 0.0));
        }
        Map<String, Double> score = items.stream().collect(Collectors.toMap(Candidate::itemId, Candidate::score));
        Map<Stratum, List<Pick>> strata = byStratum(StratifiedSample.draw(items, 6, 11));
        strata.get(Stratum.top).forEach(p -> assertEquals(1.0, score.get(p.itemId())));
        strata.get(Stratum.bottom).forEach(p -> assertEquals(0.0, score.get(p.itemId())));
    }

    @Test
    void theSameSeedDrawsTheSameSampleWhateverTheInputOrder() {
        List<Candidate> items = items("m", 40);
        List<Candidate> reversed = new ArrayList<>(items);
        java.util.Collections.reverse(reversed);
        assertEquals(StratifiedSample.draw(items, 12, 42), StratifiedSample.draw(reversed, 12, 42));
        Function<List<Pick>, Set<String>> middle = picks -> picks.stream().filter(p -> p.stratum() == Stratum.middle)
                .map(Pick::itemId).collect(Collectors.toSet());
        assertNotEquals(middle.apply(StratifiedSample.draw(items, 12, 42)),
                middle.apply(StratifiedSample.draw(items, 12, 43)));
    }

    @Test
    void theOrderRevealsNoStratum() {
        // drawn sorted by stratum, the picks would start with the top; shuffled, some seed puts another first
        Set<Stratum> first = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            first.add(StratifiedSample.draw(items("m", 30), 9, seed).get(0).stratum());
        }
        assertEquals(Set.of(Stratum.values()), first);
    }
}
