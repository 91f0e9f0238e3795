package io.evalwatch.task.run;

import io.evalwatch.events.PromptVariant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/** The prompt variants a run asks for, by name: base only when none are named, each once, in the registry's order. */
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
        return names.stream().distinct().map(n -> PromptVariant.of(n).orElseThrow())
                .sorted(Comparator.naturalOrder()).toList();
    }

    public static List<String> ids(List<PromptVariant> variants) {
        return variants.stream().map(PromptVariant::id).toList();
    }
}
