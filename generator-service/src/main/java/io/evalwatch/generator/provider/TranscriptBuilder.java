package io.evalwatch.generator.provider;

import java.util.ArrayList;
import java.util.List;

/** Collects a transcript while a protocol walks a response. */
final class TranscriptBuilder {

    final List<ContentPiece> content = new ArrayList<>();
    final List<ContentPiece> reasoning = new ArrayList<>();
    final List<ContentPiece> toolCall = new ArrayList<>();
    String toolName;
    /** Which tool call (OpenAI index, Anthropic block index) is the first; later calls are not the answer. */
    Integer toolIndex;
    Integer inputTokens;
    Integer outputTokens;
    Integer cacheReadTokens;
    Integer cacheWriteTokens;
    Integer reasoningTokens;
    String responseId;
    String responseModel;
    String systemFingerprint;
    String finishReason;
    StringBuilder refusal;
    VendorError error;
    boolean complete;

    void content(String text, long arrivedNanos) {
        if (text != null && !text.isEmpty()) {
            content.add(new ContentPiece(text, arrivedNanos));
        }
    }

    void reasoning(String text, long arrivedNanos) {
        if (text != null && !text.isEmpty()) {
            reasoning.add(new ContentPiece(text, arrivedNanos));
        }
    }

    void toolArguments(int index, String name, String fragment, long arrivedNanos) {
        if (toolIndex == null) {
            toolIndex = index;
        }
        if (toolIndex != index) {
            return;
        }
        if (toolName == null && name != null) {
            toolName = name;
        }
        if (fragment != null && !fragment.isEmpty()) {
            toolCall.add(new ContentPiece(fragment, arrivedNanos));
        }
    }

    void refusal(String text) {
        if (text != null && !text.isEmpty()) {
            if (refusal == null) {
                refusal = new StringBuilder();
            }
            refusal.append(text);
        }
    }

    /** The first error a response reports is the one that explains it. */
    void error(VendorError e) {
        if (error == null) {
            error = e;
        }
    }

    /** The first non-null value wins: identity fields repeat in every chunk. */
    static String first(String current, String candidate) {
        return current != null ? current : candidate;
    }

    Transcript build() {
        return new Transcript(content, reasoning, toolCall, toolName, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens,
                reasoningTokens, responseId, responseModel, systemFingerprint, finishReason,
                refusal == null ? null : refusal.toString(), error, complete);
    }
}
