package io.evalwatch.reporting.report;

import io.evalwatch.events.PromptVariant;
import io.evalwatch.reporting.drift.ContaminationProbe;
import io.evalwatch.reporting.report.RunReport.ModelVariants;
import java.util.List;

/**
 * The report's contamination probe: for each model that ran the twin variant, its originals against their twins
 * ({@link ContaminationProbe}, from the variant sections' comparison of twin with base). Pure.
 */
public final class ContaminationSection {

    private ContaminationSection() {
    }

    public static List<ContaminationProbe> of(List<ModelVariants> variants) {
        return variants == null ? List.of() : variants.stream()
                .flatMap(m -> m.comparisons().stream()
                        .filter(c -> PromptVariant.TWIN.id().equals(c.variantName())
                                && PromptVariant.BASE.id().equals(c.againstName()))
                        .map(c -> ContaminationProbe.of(m.model(), c)))
                .toList();
    }
}
