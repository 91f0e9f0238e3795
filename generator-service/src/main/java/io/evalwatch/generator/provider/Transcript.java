package io.evalwatch.generator.provider;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What one response said, whatever the protocol: the answer's pieces with arrival times, the provider's token
 * counts (null when not reported), identity of what answered, how it ended, and whether the response was whole.
 */
public record Transcript(
        List<ContentPiece> content,
        Integer inputTokens,
        Integer outputTokens,
        String responseId,
        String responseModel,
        String systemFingerprint,
        String finishReason,
        String refusal,
        VendorError error,
        boolean complete) {

    public Transcript {
        content = List.copyOf(content);
    }

    public static Transcript empty() {
        return new Transcript(List.of(), null, null, null, null, null, null, null, null, false);
    }

    public String text() {
        return content.stream().map(ContentPiece::text).collect(Collectors.joining());
    }

    public boolean usageReported() {
        return inputTokens != null && outputTokens != null;
    }
}
