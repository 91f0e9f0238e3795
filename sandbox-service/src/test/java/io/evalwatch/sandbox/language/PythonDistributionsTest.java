package io.evalwatch.sandbox.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The remembered answers about missing modules: asked once per name, and never more names than the capacity. */
class PythonDistributionsTest {

    private final List<String> asked = new ArrayList<>();
    private final PythonDistributions distributions = new PythonDistributions(module -> {
        asked.add(module);
        return module.startsWith("real");
    }, 3);

    @Test
    void aNameIsLookedUpOnceWhileRemembered() {
        assertTrue(distributions.exists("real_pkg"));
        assertFalse(distributions.exists("invented"));
        assertTrue(distributions.exists("real_pkg"));
        assertFalse(distributions.exists("invented"));
        assertEquals(List.of("real_pkg", "invented"), asked);
    }

    @Test
    void inventedNamesWithoutEndKeepTheMemoryAtItsCapacity() {
        for (int i = 0; i < 1000; i++) {
            assertFalse(distributions.exists("invented_" + i));
        }
        assertEquals(3, distributions.remembered());
        assertEquals(1000, asked.size());
    }

    @Test
    void theLeastRecentlyAskedNameIsForgottenFirst() {
        distributions.exists("real_a");
        distributions.exists("real_b");
        distributions.exists("real_c");
        distributions.exists("real_a"); // asked again: b is now the least recent
        distributions.exists("real_d");
        asked.clear();
        distributions.exists("real_a");
        distributions.exists("real_c");
        distributions.exists("real_d");
        assertEquals(List.of(), asked);
        distributions.exists("real_b");
        assertEquals(List.of("real_b"), asked);
    }

    @Test
    void aNameThatIsNoModuleIsNeverLookedUp() {
        assertFalse(distributions.exists("os; rm -rf /"));
        assertFalse(distributions.exists(null));
        assertEquals(List.of(), asked);
    }
}
