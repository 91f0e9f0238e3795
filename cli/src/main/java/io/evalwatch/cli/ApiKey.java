package io.evalwatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The API key the CLI sends to the services: {@code EVALWATCH_API_KEY}, else the file {@code EVALWATCH_API_KEY_FILE}
 * names, else the local stack's own key file ({@code .evalwatch/api-key}) when there is one. Never printed.
 */
public final class ApiKey {

    /** What to tell someone whose request was refused for want of a key. */
    public static final String HOW_TO_PROVIDE = "set EVALWATCH_API_KEY to a key, or EVALWATCH_API_KEY_FILE to a file"
            + " holding one (the local stack keeps its admin key in .evalwatch/api-key; docs/OPERATIONS.md, \"Keys and"
            + " roles\")";

    private ApiKey() {
    }

    /**
     * The key for this process: environment first (the system property {@code evalwatch.api-key-file} stands for
     * {@code EVALWATCH_API_KEY_FILE} where no environment can be set, as in a test JVM), then the local stack's file.
     */
    public static Optional<String> current() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        String property = System.getProperty("evalwatch.api-key-file");
        if (property != null && !env.containsKey("EVALWATCH_API_KEY_FILE")) {
            env.put("EVALWATCH_API_KEY_FILE", property);
        }
        return resolve(env, EvalwatchCommand.localStack().apiKeyFile());
    }

    static Optional<String> resolve(Map<String, String> env, Path stackKeyFile) {
        String inline = env.get("EVALWATCH_API_KEY");
        if (inline != null && !inline.isBlank()) {
            return Optional.of(inline.strip());
        }
        String file = env.get("EVALWATCH_API_KEY_FILE");
        if (file != null && !file.isBlank()) {
            return Optional.of(read(Path.of(file)));
        }
        return Files.isReadable(stackKeyFile) ? Optional.of(read(stackKeyFile)) : Optional.empty();
    }

    /** The request with {@code Authorization: Bearer} added when there is a key. */
    public static HttpRequest authorize(HttpRequest request, Optional<String> key) {
        if (key.isEmpty()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
                .header("Authorization", "Bearer " + key.get()).build();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API key file " + file, e);
        }
    }
}
