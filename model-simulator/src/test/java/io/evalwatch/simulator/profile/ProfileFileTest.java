package io.evalwatch.simulator.profile;

import io.evalwatch.simulator.truth.AnswerKind;
import io.evalwatch.simulator.truth.Truth;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileFileTest {

    @Test
    void theProjectProfileFileLoadsAndGivesTheTruth() {
        Path file = Path.of(System.getProperty("evalwatch.root", ".."), "config", "simulator.yaml");
        SimulatorProfiles profiles = ProfileFile.load(file);
        ModelVersion alpha = profiles.model("sim-alpha").scheduledAt(Instant.now());
        assertEquals(0.80, alpha.passProbability());
        assertEquals(200, alpha.ttftMillis().median());
        assertEquals(50, alpha.tokensPerSecond().median());
        assertEquals(0.55, profiles.model("sim-beta").scheduledAt(Instant.now()).passProbability());
        // the second version has no active_from: it only comes in by an admin call
        assertEquals("2025-01-15", alpha.version());
        ModelVersion update = profiles.model("sim-alpha").version("2025-06-02").orElseThrow();
        assertEquals(OutputStyle.FENCED, update.outputStyle(), "left-out fields come from the previous version");
        AnswerKind kind = Truth.decide(alpha.seed(), alpha.passProbability(), alpha.mutationWeights(), "running-max",
                123456789L);
        assertEquals(kind, alpha.decide("running-max", 123456789L));
    }

    @Test
    void theVersionInForceFollowsActiveFrom() {
        SimulatorProfiles profiles = ProfileFile.parse("""
                models:
                  m:
                    versions:
                      - {version: "1", system_fingerprint: fp1, seed: 1, pass_probability: 1.0}
                      - {version: "2", system_fingerprint: fp2, active_from: 2030-01-01T00:00:00Z}
                      - {version: "3", system_fingerprint: fp3}
                """, "inline");
        SimulatedModel model = profiles.model("m");
        assertEquals("1", model.scheduledAt(Instant.parse("2029-12-31T23:59:59Z")).version());
        assertEquals("2", model.scheduledAt(Instant.parse("2030-01-01T00:00:00Z")).version());
        assertNull(model.version("3").orElseThrow().activeFrom());
        assertEquals(200, model.version("3").orElseThrow().ttftMillis().median());
    }

    @Test
    void errorsNameTheFileTheModelAndTheField() {
        ProfileFileException typo = assertThrows(ProfileFileException.class, () -> ProfileFile.parse("""
                models:
                  sim-x:
                    versions:
                      - {version: "1", system_fingerprint: fp, seed: 1, pass_probabilty: 0.5}
                """, "config/simulator.yaml"));
        assertTrue(typo.getMessage().contains("config/simulator.yaml"), typo.getMessage());
        assertTrue(typo.getMessage().contains("sim-x"), typo.getMessage());
        assertTrue(typo.getMessage().contains("pass_probabilty"), typo.getMessage());

        ProfileFileException range = assertThrows(ProfileFileException.class, () -> ProfileFile.parse("""
                models:
                  sim-y:
                    versions:
                      - {version: "1", system_fingerprint: fp, seed: 1, pass_probability: 1.5}
                """, "f.yaml"));
        assertTrue(range.getMessage().contains("sim-y") && range.getMessage().contains("pass_probability"),
                range.getMessage());

        ProfileFileException missing = assertThrows(ProfileFileException.class, () -> ProfileFile.parse("""
                models:
                  sim-z:
                    versions:
                      - {version: "1", seed: 1}
                """, "f.yaml"));
        assertTrue(missing.getMessage().contains("system_fingerprint"), missing.getMessage());

        assertThrows(ProfileFileException.class, () -> ProfileFile.parse("""
                models:
                  sim-w:
                    versions:
                      - {version: "1", system_fingerprint: fp, mutations: {typo_kind: 1}}
                """, "f.yaml"));
        assertThrows(ProfileFileException.class, () -> ProfileFile.parse("nothing: here", "f.yaml"));
        assertThrows(ProfileFileException.class, () -> ProfileFile.load(Path.of("does-not-exist.yaml")));
    }
}
