package io.evalwatch.events;

/**
 * What answered and with what: the evidence silent-change detection compares between runs. responseModelId is
 * what the endpoint said answered, recorded whether or not it matched requestedModelId; modelAlias says the
 * catalogue declared the requested id an alias, so a different response id was expected (null in older events).
 */
public record Provenance(
        String provider,
        String requestedModelId,
        String responseModelId,
        String systemFingerprint,
        String requestId,
        String promptHash,
        String configHash,
        Boolean modelAlias) {

    public Provenance(String provider, String requestedModelId, String responseModelId, String systemFingerprint,
            String requestId, String promptHash, String configHash) {
        this(provider, requestedModelId, responseModelId, systemFingerprint, requestId, promptHash, configHash, null);
    }
}
