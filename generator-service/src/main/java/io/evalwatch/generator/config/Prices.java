package io.evalwatch.generator.config;

import io.evalwatch.events.Usage;

/** What a model costs, in US dollars per million input and output tokens. */
public record Prices(double inputPerMillion, double outputPerMillion) {

    public double costOf(Usage usage) {
        return (usage.inputTokens() * inputPerMillion + usage.outputTokens() * outputPerMillion) / 1_000_000.0;
    }
}
