package io.evalwatch.events;

/** What answered and with what: the evidence silent-change detection compares between runs. */
public record Provenance(
        String provider,
        String requestedModelId,
        String responseModelId,
        String systemFingerprint,
        String requestId,
        String promptHash,
        String configHash) {
}
