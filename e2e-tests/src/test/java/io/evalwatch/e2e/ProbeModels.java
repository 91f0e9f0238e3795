package io.evalwatch.e2e;

import java.util.List;

/**
 * The simulated models of config/models.yaml that exist for the probes (TwinProbeModels, ConsistencyModels,
 * LongContextModels, PromptVariantModels): a reader tries the probes with them, and the tests that run "every
 * configured model" leave them out, as the demo does.
 */
final class ProbeModels {

    static final List<String> NAMES = List.of(TwinProbeModels.MEMORISER, TwinProbeModels.HONEST,
            ConsistencyModels.NOISY, ConsistencyModels.STEADY, LongContextModels.LOST_IN_THE_MIDDLE,
            LongContextModels.FLAT, PromptVariantModels.GAINS, PromptVariantModels.STEADY);

    private ProbeModels() {
    }
}
