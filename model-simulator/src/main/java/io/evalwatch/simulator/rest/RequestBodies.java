package io.evalwatch.simulator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.simulator.truth.Truth;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;

/** Reading vendor request bodies and writing SSE events: what both vendor APIs share. */
final class RequestBodies {

    private RequestBodies() {
    }

    /** The last user message of a conversation and the characters of all of it (for the prompt-token estimate). */
    record Conversation(String lastUserMessage, int characters) {
    }

    /** The JSON body of a request; null when it is absent or not JSON. */
    static JsonNode parse(ObjectMapper json, RoutingContext ctx) {
        try {
            return ctx.body() == null || ctx.body().buffer() == null ? null
                    : json.readTree(ctx.body().buffer().getBytes());
        } catch (IOException e) {
            return null;
        }
    }

    static Conversation conversation(JsonNode messages, JsonNode system) {
        String lastUser = "";
        int characters = text(system).length();
        for (JsonNode message : messages) {
            String text = text(message.get("content"));
            characters += text.length();
            if ("user".equals(message.path("role").asText())) {
                lastUser = text;
            }
        }
        return new Conversation(lastUser, characters);
    }

    /** One server-sent event; eventName null for a data-only event. */
    static String event(ObjectMapper json, String eventName, Object data) {
        try {
            return (eventName == null ? "" : "event: " + eventName + "\n") + "data: " + json.writeValueAsString(data)
                    + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event", e);
        }
    }

    /** The text of a message's content: a string, or a list of parts of which the text ones count. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part.get("text").asText());
            }
        }
        return text.toString();
    }

    /** A seed from a number or a decimal string; any other text is hashed so it still gives a stable seed. */
    static Long seed(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return Truth.hashOf(text) & 0x7fffffffL;
        }
    }

    static Integer positiveInt(JsonNode value) {
        return value != null && value.isIntegralNumber() && value.asInt() > 0 ? value.asInt() : null;
    }
}
