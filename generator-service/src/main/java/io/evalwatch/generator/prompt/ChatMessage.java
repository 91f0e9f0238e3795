package io.evalwatch.generator.prompt;

/** One message of a chat request: role (system, user) and its exact text. */
public record ChatMessage(String role, String content) {
}
