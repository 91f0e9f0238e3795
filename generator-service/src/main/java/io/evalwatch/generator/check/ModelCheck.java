package io.evalwatch.generator.check;

import java.util.List;

/** The result of checking one configured model's endpoint; {@code ok} when no check failed. */
public record ModelCheck(String model, String provider, String endpoint, String modelId, boolean ok,
        List<CheckItem> checks) {

    static ModelCheck of(String model, String provider, String endpoint, String modelId, List<CheckItem> checks) {
        return new ModelCheck(model, provider, endpoint, modelId,
                checks.stream().noneMatch(c -> CheckItem.FAIL.equals(c.status())), List.copyOf(checks));
    }
}
