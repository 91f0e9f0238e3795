package io.evalwatch.reporting.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PassAtKTest {

    @Test
    void knownValues() {
        assertEquals(1.0 / 3, PassAtK.ofTask(3, 1, 1), 1e-12);
        assertEquals(0.9, PassAtK.ofTask(5, 2, 3), 1e-12);       // 1 - C(3,3)/C(5,3) = 1 - 1/10
        assertEquals(1 - 6.0 / 15, PassAtK.ofTask(6, 2, 2), 1e-12); // 1 - C(4,2)/C(6,2)
        assertEquals(0.0, PassAtK.ofTask(10, 0, 5), 1e-12);
        assertEquals(1.0, PassAtK.ofTask(10, 10, 5), 1e-12);
        assertEquals(1.0, PassAtK.ofTask(4, 2, 3), 1e-12);       // only 2 failures: any 3 contain a pass
    }

    @Test
    void meanOverTasksSkipsTasksWithTooFewSamples() {
        assertEquals((1.0 / 3 + 1.0) / 2, PassAtK.mean(List.of(new int[] {3, 1}, new int[] {3, 3}), 1), 1e-12);
        assertEquals(1.0, PassAtK.mean(List.of(new int[] {3, 3}, new int[] {1, 0}), 2), 1e-12);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> PassAtK.ofTask(3, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> PassAtK.ofTask(3, 1, 4));
    }
}
