package io.evalwatch.simulator.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evalwatch.simulator.truth.Truth;
import org.junit.jupiter.api.Test;

class NeedleRecallTest {

    @Test
    void aProfileGivesRecallByPositionAndIsFlatWithoutOne() {
        SimulatorProfiles profiles = ProfileFile.parse("""
                models:
                  lost:
                    versions:
                      - version: "1"
                        system_fingerprint: fp1
                        pass_probability: 0.7
                        mutations: {off_by_one: 1}
                        needle_recall: {10: 0.95, 30: 0.8, 50: 0.4, 70: 0.8, 90: 0.95}
                      - {version: "2", system_fingerprint: fp2}
                  flat:
                    versions:
                      - {version: "1", system_fingerprint: fp1, pass_probability: 0.7, mutations: {off_by_one: 1}}
                """, "inline");
        ModelVersion lost = profiles.model("lost").version("1").orElseThrow();
        assertEquals(0.4, lost.needles().at(50), 1e-12);
        assertEquals(0.4, lost.needles().at(47), 1e-12, "the nearest position");
        assertEquals(0.95, lost.needles().at(12), 1e-12);
        assertEquals(lost.needles(), profiles.model("lost").version("2").orElseThrow().needles(), "inherited");
        ModelVersion flat = profiles.model("flat").version("1").orElseThrow();
        for (int position : new int[] {10, 30, 50, 70, 90}) {
            assertEquals(0.7, flat.needles().at(position), 1e-12);
        }
        assertThrows(ProfileFileException.class, () -> ProfileFile.parse("""
                models:
                  m:
                    versions:
                      - {version: "1", system_fingerprint: fp1, needle_recall: {10: 0.9, 50: 0.4}}
                """, "inline"), "every position is needed");
        assertThrows(ProfileFileException.class, () -> ProfileFile.parse("""
                models:
                  m:
                    versions:
                      - {version: "1", system_fingerprint: fp1,
                         needle_recall: {10: 0.9, 30: 0.9, 40: 0.4, 50: 0.4, 70: 0.9, 90: 0.9}}
                """, "inline"), "an unknown position");
    }

    @Test
    void needlesAreFoundAtTheConfiguredRate() {
        int found = 0;
        for (long seed = 0; seed < 20_000; seed++) {
            found += Truth.needleFound(7, "dedent", seed, 0.4) ? 1 : 0;
        }
        // binomial(20000, 0.4): sd 69; six of them
        assertEquals(8000, found, 420);
    }
}
