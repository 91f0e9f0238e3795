package io.evalwatch.generator.provider;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What one response said, whatever the protocol: the answer's pieces with arrival times, the reasoning pieces
 * (kept apart: they are never part of the answer), the provider's token counts (null when not reported), identity
 * of what answered, how it ended, and whether the response was whole.
 *
 * @param inputTokens the whole prompt, cached parts included
 * @param cacheReadTokens prompt tokens read from the vendor's cache (part of inputTokens)
 * @param cacheWriteTokens prompt tokens written to the vendor's cache (part of inputTokens)
 * @param reasoningTokens output tokens spent reasoning (part of outputTokens)
 * @param toolCall the argument fragments of the first tool call, as they arrived
 * @param toolName the name of that tool, or null when no tool was called
 */
public record Transcript(
        List<ContentPiece> content,
        List<ContentPiece> reasoning,
        List<ContentPiece> toolCall,
        String toolName,
        Integer inputTokens,
        Integer outputTokens,
        Integer cacheReadTokens,
        Integer cacheWriteTokens,
        Integer reasoningTokens,
        String responseId,
        String responseModel,
        String systemFingerprint,
        String finishReason,
        String refusal,
        VendorError error,
        boolean complete) {

    public Transcript {
        content = List.copyOf(content);
        reasoning = List.copyOf(reasoning);
        toolCall = List.copyOf(toolCall);
    }

    public static Transcript empty() {
        return new TranscriptBuilder().build();
    }

    public String text() {
        return content.stream().map(ContentPiece::text).collect(Collectors.joining());
    }

    /**
     * The transcript whose answer is the tool call's arguments (the answer of a model made to call a tool); text
     * said around the call is left out, as reasoning is.
     */
    public Transcript withToolCallAsAnswer() {
        return new Transcript(toolCall, reasoning, toolCall, toolName, inputTokens, outputTokens, cacheReadTokens,
                cacheWriteTokens, reasoningTokens, responseId, responseModel, systemFingerprint, finishReason, refusal,
                error, complete);
    }

    public String reasoningText() {
        return reasoning.stream().map(ContentPiece::text).collect(Collectors.joining());
    }

    /** When the first token of any kind arrived, or null if none did. */
    public Long firstTokenNanos() {
        Long answer = content.isEmpty() ? null : content.get(0).arrivedNanos();
        Long thought = reasoning.isEmpty() ? null : reasoning.get(0).arrivedNanos();
        return answer == null ? thought : thought == null ? answer : Math.min(answer, thought);
    }

    public boolean usageReported() {
        return inputTokens != null && outputTokens != null;
    }
}
