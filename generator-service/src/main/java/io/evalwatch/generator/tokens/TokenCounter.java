package io.evalwatch.generator.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import io.evalwatch.generator.config.ModelConfig;
import io.evalwatch.generator.prompt.ChatMessage;
import io.evalwatch.generator.prompt.ChatPrompt;
import java.util.List;
import java.util.Locale;

/**
 * Counts tokens when a vendor reports none (a server without usage, a stream cut off). OpenAI models are counted
 * with their own encoding (jtokkit); every other family with cl100k_base, which is an approximation: Claude,
 * Llama, Qwen and the rest tokenize differently, typically within 10-20 % of it on code. Counts made here are
 * always marked estimated.
 *
 * @param encodingName the encoding used
 * @param exact whether it is the model's own encoding rather than an approximation
 */
public record TokenCounter(String encodingName, boolean exact, Encoding encoding) {

    /** Chat formatting overhead in OpenAI's published counting recipe: per message, and to prime the reply. */
    static final int TOKENS_PER_MESSAGE = 3;
    static final int TOKENS_PER_REPLY = 3;

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    /** The counter for a model: its configured tokenizer, else one chosen by its model id. */
    public static TokenCounter of(ModelConfig model) {
        if (model.tokenizer() != null) {
            EncodingType type = EncodingType.fromName(model.tokenizer()).orElseThrow(() ->
                    new IllegalArgumentException("unknown tokenizer " + model.tokenizer()));
            return new TokenCounter(type.getName(), true, REGISTRY.getEncoding(type));
        }
        return forModelId(model.modelId());
    }

    public static TokenCounter forModelId(String modelId) {
        String id = modelId == null ? "" : modelId.toLowerCase(Locale.ROOT);
        int slash = id.lastIndexOf('/'); // openai/gpt-4o behind a router
        id = id.substring(slash + 1);
        if (id.startsWith("gpt-4o") || id.startsWith("chatgpt-4o") || id.startsWith("gpt-4.1") || id.startsWith("gpt-4.5")
                || id.startsWith("gpt-5") || id.startsWith("gpt-oss") || id.matches("o[134](-.*)?")) {
            return new TokenCounter("o200k_base", true, REGISTRY.getEncoding(EncodingType.O200K_BASE));
        }
        if (id.startsWith("gpt-4") || id.startsWith("gpt-3.5")) {
            return new TokenCounter("cl100k_base", true, REGISTRY.getEncoding(EncodingType.CL100K_BASE));
        }
        return new TokenCounter("cl100k_base", false, REGISTRY.getEncoding(EncodingType.CL100K_BASE));
    }

    /** Tokens in a piece of text. */
    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** Tokens a chat prompt takes: its messages with their roles and the chat format's overhead. */
    public int count(ChatPrompt prompt) {
        List<ChatMessage> messages = prompt.messages();
        int tokens = TOKENS_PER_REPLY;
        for (ChatMessage m : messages) {
            tokens += TOKENS_PER_MESSAGE + count(m.role()) + count(m.content());
        }
        return tokens;
    }

    /** How counts are made, for people: "o200k_base" or "cl100k_base (approximation)". */
    public String description() {
        return exact ? encodingName : encodingName + " (approximation for this model family)";
    }
}
