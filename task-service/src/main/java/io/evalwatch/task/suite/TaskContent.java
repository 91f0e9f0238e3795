package io.evalwatch.task.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.evalwatch.events.TestCase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A task's content as one canonical JSON document, and its SHA-256: everything that defines what a model is asked
 * and how its answer is judged. Two tasks with the same hash are the same measurement; results of a task pair
 * across suite versions exactly when its hash did not change. The review date is left out on purpose: reviewing a
 * task without editing it must not split its history.
 */
public final class TaskContent {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private TaskContent() {
    }

    /**
     * The canonical form: an object with keys in code-point order (category, entry_point, id, kind, language,
     * prompt, reference, tags, tests, timeout_seconds, and memory_mb when the task sets one); tests keep their order, each {code, edge, name}; kind in
     * lower case; no insignificant whitespace.
     */
    public static Map<String, Object> canonical(TaskDefinition task) {
        Map<String, Object> content = new TreeMap<>();
        content.put("id", task.id());
        content.put("kind", task.kind().name().toLowerCase(Locale.ROOT));
        content.put("language", task.language());
        content.put("category", task.category());
        content.put("entry_point", task.entryPoint());
        content.put("timeout_seconds", task.timeoutSeconds());
        content.put("prompt", task.prompt());
        List<Map<String, Object>> tests = new ArrayList<>();
        for (TestCase test : task.tests()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("code", test.code());
            t.put("edge", test.edge());
            t.put("name", test.name());
            tests.add(t);
        }
        content.put("tests", tests);
        content.put("reference", task.reference());
        content.put("tags", List.copyOf(task.tags()));
        if (task.memoryMb() != null) {
            // only when set, so the hashes of tasks that never declared one stay what they were
            content.put("memory_mb", task.memoryMb());
        }
        // the other kinds' content, each only when present: a generation task's hash stays what it was
        if (!task.files().isEmpty()) {
            content.put("files", task.files().stream().map(f -> Map.of("path", f.path(), "content", f.content()))
                    .toList());
        }
        if (task.hole() != null) {
            content.put("hole", Map.of("file", String.valueOf(task.hole().file()), "prefix", task.hole().prefix(),
                    "suffix", task.hole().suffix()));
        }
        if (!task.findings().isEmpty()) {
            content.put("findings", task.findings().stream().map(f -> {
                Map<String, Object> finding = new TreeMap<>();
                finding.put("file", f.file());
                finding.put("lines", List.of(f.startLine(), f.endLine()));
                finding.put("tier", f.tier());
                finding.put("category", f.category());
                finding.put("severity", String.valueOf(f.severity()));
                return finding;
            }).toList());
        }
        if (!task.gold().isEmpty()) {
            content.put("gold", task.gold().stream().map(g -> g.symbol() == null ? Map.of("file", g.file())
                    : Map.of("file", g.file(), "symbol", g.symbol())).toList());
        }
        if (task.complexity() > 0) {
            content.put("complexity", task.complexity());
        }
        return content;
    }

    public static String canonicalJson(TaskDefinition task) {
        try {
            return CANONICAL.writeValueAsString(canonical(task));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a task's content is always writable as JSON", e);
        }
    }

    /** Hex SHA-256 of the UTF-8 canonical JSON. */
    public static String hash(TaskDefinition task) {
        return sha256(canonicalJson(task));
    }

    /**
     * The hash of a task set: hex SHA-256 over "id NUL hash LF" for every (task id, content hash), sorted by id.
     */
    public static String taskSetHash(Map<String, String> hashesById) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(hashesById).forEach((id, hash) -> text.append(id).append('\u0000').append(hash).append('\n'));
        return sha256(text.toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }
}
