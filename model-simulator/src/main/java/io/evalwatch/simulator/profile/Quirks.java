package io.evalwatch.simulator.profile;

/**
 * Behaviour of real OpenAI-compatible servers that a simulated model can be made to show, so that end-to-end tests
 * see what evalwatch does with it (all off by default):
 *
 * @param streamErrorAfterTokens after this many tokens the stream carries llama.cpp's {@code error:} line ("context
 *     shift is disabled") before {@code data: [DONE]}; -1 for never
 * @param loadingRequests the first this many requests for the model are answered 503 "Loading model", as a server
 *     still loading its weights does
 * @param cachedPromptTokens prompt tokens reported as read from a prompt cache ({@code cached_tokens})
 * @param responseModel the model id the answer names, when it is not the requested one (a server that answers as
 *     whatever model it has); null to echo the request
 * @param reasoningTokens reasoning deltas ({@code reasoning_content}) streamed before the answer, and reported as
 *     {@code reasoning_tokens}
 */
public record Quirks(int streamErrorAfterTokens, int loadingRequests, int cachedPromptTokens, String responseModel,
        int reasoningTokens) {

    public static Quirks none() {
        return new Quirks(-1, 0, 0, null, 0);
    }
}
