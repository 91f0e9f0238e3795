package io.evalwatch.generator.secrets;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Removes API keys from any text before it leaves the process: log lines, error messages, event fields. It knows
 * the exact keys loaded at start and, as a second line of defence, the shapes keys and auth headers usually have
 * (a vendor error body may echo a key the process never loaded). One instance per JVM, because the log filter is
 * created by the logging system, outside CDI.
 */
public final class SecretRedactor {

    public static final String MASK = "[REDACTED]";

    private static final SecretRedactor INSTANCE = new SecretRedactor();
    private static final int MIN_SECRET_LENGTH = 6;
    private static final List<Pattern> SHAPES = List.of(
            // Authorization: Bearer <token>
            Pattern.compile("(?i)(\\bbearer\\s+)[A-Za-z0-9._~+/=-]{6,}"),
            // x-api-key: <key>, "api_key": "<key>", apikey=<key>, authorization: <key>
            Pattern.compile("(?i)(\\b(?:x-api-key|api[_-]?key|authorization|access[_-]?token)\\b[\"']?\\s*[:=]\\s*[\"']?)"
                    + "(?!bearer\\s)[^\\s\"',;}&]{6,}"),
            // OpenAI / Anthropic / OpenRouter style keys: sk-..., sk-ant-..., sk-or-...
            Pattern.compile("()\\bsk-[A-Za-z0-9_-]{8,}"));

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private volatile List<String> longestFirst = List.of();

    private SecretRedactor() {
    }

    public static SecretRedactor instance() {
        return INSTANCE;
    }

    /** Registers a secret so that every later {@link #redact} removes it wherever it appears. */
    public void register(String secret) {
        if (secret != null && secret.length() >= MIN_SECRET_LENGTH && secrets.add(secret)) {
            // longest first, so a key that contains another key is removed whole
            longestFirst = secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : longestFirst) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        for (Pattern shape : SHAPES) {
            out = shape.matcher(out).replaceAll("$1" + MASK);
        }
        return out;
    }

    /** Whether {@code text} still contains a registered secret; for tests and assertions. */
    public boolean containsSecret(String text) {
        return text != null && longestFirst.stream().anyMatch(text::contains);
    }
}
