package io.evalwatch.generator.config;

import io.evalwatch.events.Usage;

/**
 * What a model costs, in US dollars per million tokens. Input tokens read from or written to the vendor's prompt
 * cache and reasoning tokens have prices of their own when the catalogue gives them (null: the plain input or
 * output price applies, which is what a vendor without such pricing charges).
 */
public record Prices(double inputPerMillion, double outputPerMillion, Double cacheReadPerMillion,
        Double cacheWritePerMillion, Double reasoningPerMillion) {

    public Prices(double inputPerMillion, double outputPerMillion) {
        this(inputPerMillion, outputPerMillion, null, null, null);
    }

    /** {@code usage.inputTokens} includes the cached parts and {@code outputTokens} the reasoning, as vendors bill. */
    public double costOf(Usage usage) {
        int cached = usage.cacheReadInputTokens() + usage.cacheWriteInputTokens();
        int plainInput = Math.max(0, usage.inputTokens() - cached);
        int reasoning = Math.min(usage.reasoningTokens(), usage.outputTokens());
        double dollarsPerMillion = plainInput * inputPerMillion
                + usage.cacheReadInputTokens() * or(cacheReadPerMillion, inputPerMillion)
                + usage.cacheWriteInputTokens() * or(cacheWritePerMillion, inputPerMillion)
                + (usage.outputTokens() - reasoning) * outputPerMillion
                + reasoning * or(reasoningPerMillion, outputPerMillion);
        return dollarsPerMillion / 1_000_000.0;
    }

    private static double or(Double price, double fallback) {
        return price == null ? fallback : price;
    }
}
