package io.evalwatch.simulator.service;

/**
 * A chat request reduced to what the simulator needs, whichever API it came through. seed is null when the client
 * sent none; maxTokens is null when unlimited.
 */
public record ChatRequest(String api, String model, String lastUserMessage, int promptCharacters, Long seed,
                          Integer maxTokens) {
}
