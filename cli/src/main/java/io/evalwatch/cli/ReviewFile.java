package io.evalwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The file a reviewer fills in: YAML with {@code reviewer} at the top and, per entry, its opaque id, the task, its
 * prompt when known and the answer, then the empty fields {@code accept}, {@code introduces_bug} (yes or no) and
 * {@code comment}. Blind: it names neither the model nor the automated score. Reading it back checks every entry
 * and reports every problem (entry, field, what is allowed) before anything is sent.
 */
public final class ReviewFile {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    // the fields left for the reviewer, written as "key:" with nothing after it rather than "key: null"; block text
    // (prompt, answer) is indented deeper, so only the fields themselves match
    private static final Pattern EMPTY_FIELD = Pattern.compile(
            "(?m)^(reviewer|  accept|  introduces_bug|  comment): null$");

    private static final String HEADER = """
            # evalwatch human review. For every entry, read the prompt and the answer, then fill in:
            #   accept:          yes or no: would you accept this answer as is?
            #   introduces_bug:  yes or no: does it introduce a bug?
            #   comment:         optional, anything worth saying
            # Put your name after reviewer: (or pass --reviewer NAME to import). Leave accept, introduces_bug and
            # comment all empty to skip an entry. Keep run, sample and the entry ids as they are. When done:
            #   ./evalwatch review import THIS_FILE
            """;

    private ReviewFile() {
    }

    /** One entry to write. prompt may be null (the task is not known to task-service). */
    public record Entry(String entryId, String taskId, String prompt, String answer) {
    }

    /** One filled-in verdict. */
    public record Verdict(String entryId, boolean accept, boolean introducesBug, String comment) {
    }

    /** A filled-in file: whose verdicts, on which sample, and how many entries were left empty. */
    public record Filled(String runId, String sampleId, String reviewer, List<Verdict> verdicts, int skipped) {
    }

    /** A file that cannot be imported, with every problem found in it. */
    public static final class Invalid extends Exception {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** The file for a sample, ready for the reviewer. */
    public static String write(String runId, String sampleId, long seed, List<Entry> entries) {
        ObjectNode file = YAML.createObjectNode();
        file.putNull("reviewer");
        file.put("run", runId);
        file.put("sample", sampleId);
        file.put("seed", seed);
        ArrayNode list = file.putArray("entries");
        for (Entry e : entries) {
            ObjectNode entry = list.addObject();
            entry.put("entry", e.entryId());
            entry.put("task", e.taskId());
            if (e.prompt() != null) {
                entry.put("prompt", e.prompt());
            }
            entry.put("answer", e.answer());
            entry.putNull("accept");
            entry.putNull("introduces_bug");
            entry.putNull("comment");
        }
        try {
            return HEADER + EMPTY_FIELD.matcher(YAML.writeValueAsString(file)).replaceAll("$1:");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a review file is always writable: " + e.getMessage(), e);
        }
    }

    /** Reads a filled-in file; {@code reviewer} (may be null) stands for the file's reviewer field. */
    public static Filled read(String text, String reviewer) throws Invalid {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new Invalid(List.of("not YAML" + where + ": " + e.getOriginalMessage().lines().findFirst()
                    .orElse("") + " (a comment holding ': ' or starting with a quote needs quotes around it:"
                    + " comment: \"...\")"));
        }
        if (root == null || !root.isObject()) {
            throw new Invalid(List.of("not a review file: expected reviewer, run, sample and entries at the top"));
        }
        List<String> problems = new ArrayList<>();
        String who = reviewer != null && !reviewer.isBlank() ? reviewer.strip() : text(root.get("reviewer"));
        if (who == null || who.isBlank()) {
            problems.add("field reviewer: empty; write your name after reviewer: at the top, or pass --reviewer NAME");
        }
        String run = required(root, "run", problems);
        String sample = required(root, "sample", problems);
        JsonNode entries = root.get("entries");
        List<Verdict> verdicts = new ArrayList<>();
        int skipped = 0;
        if (entries == null || !entries.isArray()) {
            problems.add("field entries: missing; it is the list the export wrote");
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                JsonNode entry = entries.get(i);
                String id = entry.isObject() ? text(entry.get("entry")) : null;
                String at = id == null ? "entry #" + (i + 1) : "entry " + id;
                if (id == null || id.isBlank()) {
                    problems.add(at + ", field entry: missing; keep each entry's id as the export wrote it");
                    continue;
                }
                if (!seen.add(id)) {
                    problems.add(at + ", field entry: appears twice; each entry may be judged once");
                    continue;
                }
                Boolean accept = yesNo(entry.get("accept"), at, "accept", problems);
                Boolean bug = yesNo(entry.get("introduces_bug"), at, "introduces_bug", problems);
                JsonNode commentNode = entry.get("comment");
                String comment = null;
                if (commentNode != null && !commentNode.isNull()) {
                    if (commentNode.isValueNode()) {
                        comment = commentNode.asText().isBlank() ? null : commentNode.asText().strip();
                    } else {
                        problems.add(at + ", field comment: a list or map; write the comment as text");
                    }
                }
                if (accept == null && bug == null && comment == null && allEmpty(entry, "accept", "introduces_bug")) {
                    skipped++;
                    continue;
                }
                if (accept == null && isEmpty(entry.get("accept"))) {
                    problems.add(at + ", field accept: empty; write yes or no (leave accept, introduces_bug and"
                            + " comment all empty to skip the entry)");
                }
                if (bug == null && isEmpty(entry.get("introduces_bug"))) {
                    problems.add(at + ", field introduces_bug: empty; write yes or no (leave accept, introduces_bug"
                            + " and comment all empty to skip the entry)");
                }
                if (accept != null && bug != null) {
                    verdicts.add(new Verdict(id, accept, bug, comment));
                }
            }
            if (problems.isEmpty() && verdicts.isEmpty()) {
                problems.add("no entry has a verdict yet: fill in accept and introduces_bug (yes or no) first");
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new Filled(run, sample, who, verdicts, skipped);
    }

    /** The verdicts as reporting-service takes them. */
    public static ObjectNode request(Filled filled) {
        ObjectNode body = YAML.createObjectNode().put("reviewer", filled.reviewer());
        ArrayNode list = body.putArray("verdicts");
        for (Verdict v : filled.verdicts()) {
            ObjectNode verdict = list.addObject().put("entryId", v.entryId()).put("accept", v.accept())
                    .put("introducesBug", v.introducesBug());
            if (v.comment() != null) {
                verdict.put("comment", v.comment());
            }
        }
        return body;
    }

    /** True when every one of the fields is empty (a wrong value is not empty: it is a problem to report). */
    private static boolean allEmpty(JsonNode entry, String... fields) {
        for (String f : fields) {
            if (!isEmpty(entry.get(f))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmpty(JsonNode node) {
        return node == null || node.isNull() || (node.isTextual() && node.asText().isBlank());
    }

    /** yes/no (YAML reads unquoted yes, no, true and false as booleans; quoted ones arrive as text). */
    private static Boolean yesNo(JsonNode node, String at, String field, List<String> problems) {
        if (isEmpty(node)) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String value = node.isValueNode() ? node.asText().strip().toLowerCase(Locale.ROOT) : null;
        if ("yes".equals(value) || "true".equals(value)) {
            return true;
        }
        if ("no".equals(value) || "false".equals(value)) {
            return false;
        }
        problems.add(at + ", field " + field + ": '" + (value == null ? node.toString() : node.asText().strip())
                + "' is not allowed; write yes or no");
        return null;
    }

    private static String required(JsonNode root, String field, List<String> problems) {
        String value = text(root.get(field));
        if (value == null || value.isBlank()) {
            problems.add("field " + field + ": missing; keep it as the export wrote it");
        }
        return value;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
    }
}
