package io.evalwatch.simulator.profile;

import io.evalwatch.events.PromptVariant;
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
    void aVersionMayAnswerPromptVariantsDifferently() {
        SimulatorProfiles profiles = ProfileFile.parse("""
                models:
                  m:
                    versions:
                      - version: "1"
                        system_fingerprint: fp1
                        pass_probability: 0.5
                        ttft: {median_ms: 200, sigma: 0.2, added_ms: 10}
                        tokens_per_second: {median: 50, sigma: 0}
                        variants: {few-shot: {pass_probability: 0.9}, structured: {latency_factor: 1.25}}
                      - {version: "2", system_fingerprint: fp2}
                """, "inline");
        ModelVersion v1 = profiles.model("m").version("1").orElseThrow();
        assertEquals(0.9, v1.forVariant(PromptVariant.FEW_SHOT).passProbability(), 1e-12);
        assertEquals(v1, v1.forVariant(PromptVariant.BASE));
        assertEquals(v1, v1.forVariant(PromptVariant.CHAIN_OF_THOUGHT), "a variant the profile does not name");
        ModelVersion structured = v1.forVariant(PromptVariant.STRUCTURED);
        assertEquals(0.5, structured.passProbability(), 1e-12);
        for (double z : new double[] {-1, 0, 2}) {
            assertEquals(1.25 * v1.ttftMillis().sample(z), structured.ttftMillis().sample(z), 1e-9);
        }
        assertEquals(40, structured.tokensPerSecond().sample(0), 1e-9, "every token 25 % slower too");
        assertEquals(v1.variants(), profiles.model("m").version("2").orElseThrow().variants(), "inherited");
        assertThrows(ProfileFileException.class, () -> ProfileFile.parse("""
                models:
                  m:
                    versions:
                      - {version: "1", system_fingerprint: fp1, variants: {zero-shot: {pass_probability: 0.9}}}
                """, "inline"));
        assertThrows(ProfileFileException.class, () -> ProfileFile.parse("""
                models:
                  m:
                    versions:
                      - {version: "1", system_fingerprint: fp1, variants: {structured: {latency_factor: 0}}}
                """, "inline"));
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
    void aVendorUpdateCanAddAFixedDelayToEveryFirstToken() {
        SimulatorProfiles profiles = ProfileFile.parse("""
                models:
                  m:
                    versions:
                      - {version: "1", system_fingerprint: fp1, ttft: {median_ms: 200, sigma: 0.25}}
                      - {version: "2", system_fingerprint: fp2, ttft: {added_ms: 150}}
                      - {version: "3", system_fingerprint: fp3, ttft: {median_ms: 300}}
                      - {version: "4", system_fingerprint: fp4, ttft: 120}
                """, "inline");
        SimulatedModel model = profiles.model("m");
        LogNormal before = model.version("1").orElseThrow().ttftMillis();
        LogNormal after = model.version("2").orElseThrow().ttftMillis();
        assertEquals(new LogNormal(200, 0.25, 150), after, "median and spread come from the previous version");
        for (double z : new double[] {-2, -0.5, 0, 1, 3}) {
            assertEquals(before.sample(z) + 150, after.sample(z), 1e-9);
        }
        assertEquals(450, model.version("3").orElseThrow().ttftMillis().sample(0), 1e-9, "added_ms is kept too");
        assertEquals(120, model.version("4").orElseThrow().ttftMillis().sample(0), 1e-9, "a bare number is all of it");
        assertThrows(ProfileFileException.class, () -> ProfileFile.parse("""
                models:
                  m:
                    versions:
                      - {version: "1", system_fingerprint: fp1, ttft: {added_ms: -5}}
                """, "inline"));
        ProfileFileException speed = assertThrows(ProfileFileException.class, () -> ProfileFile.parse("""
                models:
                  m:
                    versions:
                      - {version: "1", system_fingerprint: fp1, tokens_per_second: {added_ms: 5}}
                """, "inline"));
        assertTrue(speed.getMessage().contains("added_ms"), speed.getMessage());
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
