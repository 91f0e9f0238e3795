package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.evalwatch.events.PromptVariant;
import io.evalwatch.simulator.profile.ModelVersion;
import io.evalwatch.simulator.profile.ProfileFile;
import io.evalwatch.simulator.profile.SimulatorProfiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The probes' models as config/simulator.yaml and config/models.yaml give them carry the truth the probe ITs hold
 * evalwatch to: an edit of the files that changes it fails here, before any stack starts.
 */
class ProbeModelsTest {

    private static ModelVersion profile(String model) {
        SimulatorProfiles profiles = ProfileFile.load(StackFixture.root().resolve("config/simulator.yaml"));
        return profiles.model(model).scheduledAt(Instant.now());
    }

    @Test
    void everyProbeModelIsInTheCatalogueAndServedByTheSimulator() throws Exception {
        List<String> catalogue = new ArrayList<>();
        for (JsonNode m : new YAMLMapper().readTree(StackFixture.root().resolve("config/models.yaml").toFile())
                .path("models")) {
            catalogue.add(m.path("name").asText());
        }
        assertTrue(catalogue.containsAll(ProbeModels.NAMES), catalogue.toString());
        ProbeModels.NAMES.forEach(ProbeModelsTest::profile);
    }

    @Test
    void theProfilesHoldTheTruthTheProbesRecover() {
        ModelVersion memoriser = profile(TwinProbeModels.MEMORISER);
        assertEquals(TwinProbeModels.MEMORISER_ORIGINAL_PASS, memoriser.passProbability());
        assertEquals(TwinProbeModels.MEMORISER_TWIN_PASS,
                memoriser.forVariant(PromptVariant.TWIN).passProbability());
        ModelVersion honest = profile(TwinProbeModels.HONEST);
        assertEquals(TwinProbeModels.HONEST_PASS, honest.forVariant(PromptVariant.TWIN).passProbability());

        assertEquals(ConsistencyModels.NOISY_SCORE_VARIANCE,
                profile(ConsistencyModels.NOISY).repeatNoise().scoreVariance());
        assertEquals(0.0, profile(ConsistencyModels.STEADY).repeatNoise().scoreVariance());

        assertEquals(Map.of(10, 0.95, 30, 0.75, 50, 0.3, 70, 0.75, 90, 0.95),
                profile(LongContextModels.LOST_IN_THE_MIDDLE).needles().byPosition());
        assertEquals(Map.of(10, 0.95, 30, 0.95, 50, 0.95, 70, 0.95, 90, 0.95),
                profile(LongContextModels.FLAT).needles().byPosition());

        ModelVersion gains = profile(PromptVariantModels.GAINS);
        assertEquals(PromptVariantModels.GAINS_BASE_PASS, gains.passProbability());
        assertEquals(PromptVariantModels.GAINS_FEW_SHOT_PASS,
                gains.forVariant(PromptVariant.FEW_SHOT).passProbability());
        ModelVersion steady = profile(PromptVariantModels.STEADY);
        assertEquals(PromptVariantModels.STEADY_PASS, steady.forVariant(PromptVariant.FEW_SHOT).passProbability());
        for (ModelVersion v : List.of(gains, steady)) {
            assertEquals(v.ttftMillis().median() * PromptVariantModels.STRUCTURED_LATENCY_FACTOR,
                    v.forVariant(PromptVariant.STRUCTURED).ttftMillis().median(), 1e-9);
        }
        assertNull(profile(PromptVariantModels.STEADY).variants().get(PromptVariant.FEW_SHOT));
    }
}
