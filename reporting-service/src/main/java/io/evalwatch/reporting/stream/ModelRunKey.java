package io.evalwatch.reporting.stream;

import java.io.Serializable;
import java.util.Objects;

/** The composite key (run, model, variant) of everything reporting keeps per model and variant of a run. */
public class ModelRunKey implements Serializable {
    public String runId;
    public String model;
    public String variant;

    public ModelRunKey() {
    }

    public ModelRunKey(String runId, String model, String variant) {
        this.runId = runId;
        this.model = model;
        this.variant = variant;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelRunKey k && Objects.equals(runId, k.runId) && Objects.equals(model, k.model)
                && Objects.equals(variant, k.variant);
    }

    @Override
    public int hashCode() {
        return Objects.hash(runId, model, variant);
    }
}
