package io.evalwatch.task.run;

import io.evalwatch.events.PromptVariant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * The prompt variants a run asks for, by name, each once, in the registry's order. Base is always among them: every
 * variant is compared with base on the same tasks, and the run's plain figures are base's.
 */
public final class RunVariants {

    private RunVariants() {
    }

    /** Refuses (400, naming the known variants) a name that is not a variant. */
    public static List<PromptVariant> of(List<String> names) {
        if (names == null || names.isEmpty()) {
            return RunPlan.BASE_ONLY;
        }
        List<String> unknown = new LinkedHashSet<>(names).stream()
                .filter(n -> PromptVariant.of(n).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRunException("variants", "unknown prompt variant" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; known variants: " + PromptVariant.ids());
        }
        return Stream.concat(Stream.of(PromptVariant.BASE), names.stream().map(n -> PromptVariant.of(n).orElseThrow()))
                .distinct().sorted(Comparator.naturalOrder()).toList();
    }

    public static List<String> ids(List<PromptVariant> variants) {
        return variants.stream().map(PromptVariant::id).toList();
    }
}
