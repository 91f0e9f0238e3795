package io.evalwatch.events.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The long-context position probe's shared vocabulary: its cells (a context size in tokens and the needle's
 * position in per cent), their variant ids, the needle question, and the bundled corpus the haystack and the needles
 * come from. task-service builds the items from it, the model simulator recognises a needle from it, reporting
 * groups by its cells.
 *
 * <p>The corpus ({@code long-context-corpus.jsonl} beside this class, made by scripts/long-context-corpus.py) holds
 * public top-level functions of CPython's standard library (PSF licence, LICENSE-PSF.txt beside it): each function's
 * code without its docstring, and the docstring's first paragraph with the function's name blanked out as its
 * description. A needle is one of them, asked for by its description alone, as RepoQA's "search needle function".
 */
public final class LongContext {

    /** The variant a run asks for by name, and the prefix of every cell's variant id. */
    public static final String VARIANT = "long-context";
    /** Where a needle sits: the share of the context's tokens before it, in per cent. */
    public static final List<Integer> POSITIONS = List.of(10, 30, 50, 70, 90);
    /** The task ids of the probe's items: this prefix and the needle function's name. */
    public static final String NEEDLE_TASK_PREFIX = "needle-";
    /** The category and the tag of the probe's items. */
    public static final String CATEGORY = "long-context";
    /** Opens a needle question; the description follows, then {@link #QUESTION_END}. */
    public static final String QUESTION_START = "Which function in these files does the following? ";
    public static final String QUESTION_END = " Answer with the file and the function's name.";

    private static final Pattern CELL = Pattern.compile(Pattern.quote(VARIANT) + "-(\\d+)(k?)-(\\d+)");

    private LongContext() {
    }

    /** One cell of the probe: a context of about sizeTokens tokens, the needle at positionPercent of it. */
    public record Cell(int sizeTokens, int positionPercent) implements Comparable<Cell> {

        /** The variant id of the cell's items: long-context-8k-50 (sizes in thousands when whole, else tokens). */
        public String variant() {
            return VARIANT + "-" + sizeLabel(sizeTokens) + "-" + positionPercent;
        }

        @Override
        public int compareTo(Cell other) {
            return sizeTokens != other.sizeTokens ? Integer.compare(sizeTokens, other.sizeTokens)
                    : Integer.compare(positionPercent, other.positionPercent);
        }
    }

    /** A size as the variant id and the report write it: 8k for 8000, 2500 for 2500. */
    public static String sizeLabel(int tokens) {
        return tokens % 1000 == 0 ? tokens / 1000 + "k" : Integer.toString(tokens);
    }

    /** Whether an item's variant id is one of the probe's cells. */
    public static boolean isProbeVariant(String variant) {
        return variant != null && CELL.matcher(variant).matches();
    }

    /** The cell of a variant id, empty for any other variant. */
    public static Optional<Cell> cellOf(String variant) {
        if (variant == null) {
            return Optional.empty();
        }
        Matcher m = CELL.matcher(variant);
        if (!m.matches()) {
            return Optional.empty();
        }
        int size = Integer.parseInt(m.group(1)) * (m.group(2).isEmpty() ? 1 : 1000);
        return Optional.of(new Cell(size, Integer.parseInt(m.group(3))));
    }

    /** The cells of a run: every size × every position. */
    public static List<Cell> cells(List<Integer> sizes) {
        List<Cell> cells = new ArrayList<>();
        for (int size : sizes.stream().distinct().sorted().toList()) {
            POSITIONS.forEach(p -> cells.add(new Cell(size, p)));
        }
        return List.copyOf(cells);
    }

    /** The question of a needle, as the search task's prompt: its description, never its name. */
    public static String question(String description) {
        return QUESTION_START + description + QUESTION_END;
    }

    /** The description a search prompt's question asks for, empty when the text holds no needle question. */
    public static Optional<String> descriptionIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int start = text.indexOf(QUESTION_START);
        if (start < 0) {
            return Optional.empty();
        }
        int from = start + QUESTION_START.length();
        int end = text.indexOf(QUESTION_END, from);
        return end < 0 ? Optional.empty() : Optional.of(text.substring(from, end));
    }

    /** A function of the corpus: the file it comes from, its name, its description and its code. */
    public record Function(String file, String name, String description, String code) {
    }

    /** The corpus, in its file's order (module by module). */
    public static List<Function> corpus() {
        return Corpus.FUNCTIONS;
    }

    /** The corpus function a description describes. */
    public static Optional<Function> byDescription(String description) {
        return Optional.ofNullable(Corpus.BY_DESCRIPTION.get(description));
    }

    /** The corpus function of a needle task id (needle-NAME). */
    public static Optional<Function> byTaskId(String taskId) {
        if (taskId == null || !taskId.startsWith(NEEDLE_TASK_PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(Corpus.BY_NAME.get(taskId.substring(NEEDLE_TASK_PREFIX.length())));
    }

    /** The task id of a needle. */
    public static String taskIdOf(Function needle) {
        return NEEDLE_TASK_PREFIX + needle.name();
    }

    /** The probe's label of a position, for gauges and the report: "50" for 50 %. */
    public static String positionLabel(int percent) {
        return String.format(Locale.ROOT, "%d", percent);
    }

    /** Loaded once, on first use. */
    private static final class Corpus {

        static final List<Function> FUNCTIONS = load();
        static final Map<String, Function> BY_DESCRIPTION = FUNCTIONS.stream()
                .collect(Collectors.toUnmodifiableMap(Function::description, f -> f, (a, b) -> a));
        static final Map<String, Function> BY_NAME = FUNCTIONS.stream()
                .collect(Collectors.toUnmodifiableMap(Function::name, f -> f, (a, b) -> a));

        private static List<Function> load() {
            ObjectMapper json = new ObjectMapper();
            List<Function> functions = new ArrayList<>();
            try (InputStream in = LongContext.class.getResourceAsStream("long-context-corpus.jsonl")) {
                if (in == null) {
                    throw new IllegalStateException("long-context-corpus.jsonl is missing from the events jar");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank()) {
                        functions.add(json.readValue(line, Function.class));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return List.copyOf(functions);
        }
    }
}
