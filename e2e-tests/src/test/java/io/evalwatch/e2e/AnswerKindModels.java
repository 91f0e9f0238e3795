package io.evalwatch.e2e;

import io.evalwatch.simulator.truth.AnswerKind;
import java.util.Arrays;
import java.util.List;

/**
 * One simulated model per answer kind of the simulator, each answering nothing but that kind (the reference, or one
 * kind of known mistake), so FailureTaxonomyIT can check that each mistake is scored as its failure category.
 */
final class AnswerKindModels {

    private AnswerKindModels() {
    }

    static String modelOf(AnswerKind kind) {
        return "kind-" + kind.label().replace('_', '-');
    }

    /** The kinds a generation task can be answered with (ignores_context is a completion's mistake). */
    static List<AnswerKind> kinds() {
        return Arrays.stream(AnswerKind.values()).filter(k -> k != AnswerKind.IGNORES_CONTEXT).toList();
    }

    static List<String> models() {
        return kinds().stream().map(AnswerKindModels::modelOf).toList();
    }

    /** Catalogue rows for StackFixture: name, simulator model id, no extra lines. */
    static String[][] catalogue() {
        return kinds().stream().map(k -> new String[] {modelOf(k), modelOf(k), ""})
                .toArray(String[][]::new);
    }

    /** Simulator profiles: pass probability 1 for the reference, else 0 with all the weight on the kind. */
    static String profiles() {
        StringBuilder yaml = new StringBuilder();
        long seed = 9200;
        for (AnswerKind kind : kinds()) {
            boolean reference = kind == AnswerKind.REFERENCE;
            yaml.append("  ").append(modelOf(kind)).append(":\n")
                    .append("    description: answers only ").append(kind.label()).append(" (FailureTaxonomyIT)\n")
                    .append("    versions:\n")
                    .append("      - version: \"k1\"\n")
                    .append("        system_fingerprint: fp_").append(kind.label()).append('\n')
                    .append("        active_from: 2025-01-01T00:00:00Z\n")
                    .append("        seed: ").append(seed++).append('\n')
                    .append("        pass_probability: ").append(reference ? "1.0" : "0.0").append('\n')
                    .append(reference ? "" : "        mutations: {" + kind.label() + ": 1}\n")
                    .append("        ttft: {median_ms: 20, sigma: 0.0}\n")
                    .append("        tokens_per_second: {median: 400, sigma: 0.0}\n");
        }
        return yaml.toString();
    }
}
