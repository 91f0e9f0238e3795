package io.evalwatch.generator.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.events.FewShotExample;
import io.evalwatch.events.PromptVariant;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.generator.config.ModelConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The exact messages sent for an item. The hash is SHA-256 over their JSON ({@code [{"role":..,"content":..}]},
 * system first), the same for every provider, so two runs that sent the same words have the same hash.
 */
public record ChatPrompt(List<ChatMessage> messages) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ChatPrompt {
        messages = List.copyOf(messages);
    }

    public static ChatPrompt of(ModelConfig model, TaskSpec task) {
        return of(model, task, PromptVariant.BASE, List.of());
    }

    /**
     * The messages of an item in a prompt variant: the kind's prompt, which the variant adds to (base leaves it as it
     * is, so its hash is the one runs had before variants); examples are a few-shot item's solved tasks.
     */
    public static ChatPrompt of(ModelConfig model, TaskSpec task, PromptVariant variant, List<FewShotExample> examples) {
        List<ChatMessage> messages = new ArrayList<>();
        if (model.systemPrompt() != null) {
            messages.add(new ChatMessage("system", model.systemPrompt()));
        }
        String message = KindPrompts.render(model.promptTemplate(), task);
        messages.add(new ChatMessage("user", variant.appliesTo(task.kind())
                ? variant.apply(message, examples, task.language()) : message));
        return new ChatPrompt(messages);
    }

    public Optional<String> system() {
        return messages.stream().filter(m -> m.role().equals("system")).map(ChatMessage::content).findFirst();
    }

    public List<ChatMessage> conversation() {
        return messages.stream().filter(m -> !m.role().equals("system")).toList();
    }

    /** Characters of all messages; the basis of the token estimate used before the provider's count is known. */
    public int characters() {
        return messages.stream().mapToInt(m -> m.content().length()).sum();
    }

    public String hash() {
        try {
            return sha256(JSON.writeValueAsBytes(messages));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("messages are plain strings and always serialise", e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
