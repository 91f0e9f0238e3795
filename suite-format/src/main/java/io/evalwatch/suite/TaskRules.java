package io.evalwatch.suite;

import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.work.CodeHole;
import io.evalwatch.events.work.GoldLocation;
import io.evalwatch.events.work.KnownFinding;
import io.evalwatch.events.work.ReviewCategories;
import io.evalwatch.events.work.SourceFile;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rules a bound task file must follow beyond its fields' own constraints: which fields each kind needs and which
 * do not apply to it, and what can only be checked against the suite folder (context files under codebase/, the
 * corpus and its gold files). A valid task is resolved to the {@link TaskSpec} events carry.
 */
final class TaskRules {

    static final List<String> LANGUAGES = List.of("python", "javascript", "java");
    static final String DEFAULT_CATEGORY = "general";
    static final double DEFAULT_TIMEOUT_SECONDS = 10.0;

    private static final List<String> COMMON = List.of("id", "kind", "category", "language", "complexity", "tags",
            "reviewed", "prompt");
    private static final List<String> EXECUTED = List.of("entry_point", "reference", "tests", "simulation",
            "timeout_seconds", "memory_mb", "environment");
    /** The fields that apply to each kind, in the order a file usually has them. */
    static final Map<TaskKind, List<String>> FIELDS = fields();

    private static final String TESTS = "a non-empty list of {name, code, edge}";
    private static final String FINDINGS = "a list of {file, lines: [start, end], tier, category, severity, note}";

    /** What a task is checked against: its suite's folder and the environment the suite declares. */
    record Context(Path folder, EnvironmentSpec suiteEnvironment) {
    }

    private TaskRules() {
    }

    private static Map<TaskKind, List<String>> fields() {
        Map<TaskKind, List<String>> fields = new EnumMap<>(TaskKind.class);
        fields.put(TaskKind.GENERATION, concat(COMMON, EXECUTED));
        fields.put(TaskKind.COMPLETION, concat(COMMON, List.of("file", "context_files", "prefix", "suffix"),
                EXECUTED));
        fields.put(TaskKind.REVIEW, concat(COMMON, List.of("files", "findings")));
        fields.put(TaskKind.SEARCH, concat(COMMON, List.of("corpus", "gold")));
        return Map.copyOf(fields);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    /** The task resolved, or null when problems were found (they are added to problems). */
    static LoadedTask check(Path file, TaskFile t, List<Binding.UnknownField> unknown, FileProblems problems,
            Context context) {
        int before = problems.size();
        TaskKind kind = kind(t, problems);
        String label = label(kind);
        unknownFields(unknown, kind, problems);
        notApplying(t, kind, problems);
        String stem = stem(file);
        if (t.id() != null && t.id().matches("[a-z0-9][a-z0-9_-]*") && !t.id().equals(stem)) {
            problems.add("/id", "id '" + t.id() + "' differs from the file name '" + file.getFileName()
                    + "'; the file name is the id, rename one so they match");
        }
        String language = t.language() == null ? "python" : t.language();
        if (!LANGUAGES.contains(language)) {
            problems.add("/language", "language '" + language + "' is not one of " + String.join(", ", LANGUAGES));
        }
        if (t.category() != null && t.category().isBlank()) {
            problems.add("/category", "category is empty; write a word reports group by (parsing), or leave it out");
        }
        LocalDate reviewed = reviewed(t.reviewed(), problems);
        List<TestCase> tests = List.of();
        EnvironmentSpec environment = null;
        List<SourceFile> files = List.of();
        CodeHole hole = null;
        List<KnownFinding> findings = List.of();
        List<GoldLocation> gold = List.of();
        if (kind.executable()) {
            required(t.entryPoint(), "/entry_point", label + " needs 'entry_point': the function the tests call"
                    + (language.equals("java") ? " (a method of class Solution, or Class.method)" : ""), problems);
            required(t.reference(), "/reference", label + " needs 'reference': " + (fileHole(t)
                    ? "exactly the text that fills the hole" : "a complete solution"), problems);
            tests = tests(t.tests(), label, problems);
            simulation(t, kind, language, problems);
            environment = t.environment() != null && !t.environment().isNull()
                    // a task's own environment replaces the suite's for that task; it is not merged with it
                    ? EnvironmentDeclaration.read("/environment", t.environment(), problems)
                    : context.suiteEnvironment();
        }
        if (kind == TaskKind.COMPLETION && fileHole(t)) {
            if (!language.equals("python")) {
                problems.add("/language", "a completion task executes as one Python module; language must be"
                        + " python");
            }
            required(t.file(), "/file", label + " needs 'file': the path of the file with the hole, as the model"
                    + " sees it (ledgerkit/invoices.py)", problems);
            present(t.prefix(), "/prefix", label + " needs 'prefix': the file's text before the hole (write"
                    + " prefix: \"\" when the hole starts the file)", problems);
            present(t.suffix(), "/suffix", label + " needs 'suffix': the file's text after the hole (write"
                    + " suffix: \"\" when the hole ends the file)", problems);
            files = contextFiles(t.contextFiles(), context.folder(), problems);
            hole = new CodeHole(t.file(), t.prefix(), t.suffix());
        } else if (kind == TaskKind.REVIEW) {
            files = reviewFiles(t.files(), label, problems);
            findings = findings(t.findings(), files, label, problems);
        } else if (kind == TaskKind.SEARCH) {
            files = corpus(t.corpus(), context.folder(), label, problems);
            gold = gold(t, context.folder(), problems);
        }
        if (problems.size() > before) {
            return null;
        }
        TaskSpec spec = new TaskSpec(t.id(), t.category() == null ? DEFAULT_CATEGORY : t.category(), kind, language,
                t.prompt(), t.entryPoint(), tests,
                t.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : t.timeoutSeconds(),
                t.tags(), null, t.memoryMb(), t.reference(), files, hole, findings, gold,
                t.complexity() == null ? 0 : t.complexity());
        return new LoadedTask(file, t, spec, environment, reviewed);
    }

    /**
     * Whether a completion task is a file with a hole (it names its file, prefix, suffix or context files). One that
     * names none is a function completion, as HumanEval's: the prompt holds the code to continue and the answer is
     * the whole function, checked as a generation task is.
     */
    static boolean fileHole(TaskFile t) {
        return t.file() != null || t.prefix() != null || t.suffix() != null
                || (t.contextFiles() != null && !t.contextFiles().isEmpty());
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static TaskKind kind(TaskFile t, FileProblems problems) {
        if (t.kind() == null) {
            return TaskKind.GENERATION;
        }
        try {
            return TaskKind.valueOf(t.kind().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("/kind", "kind '" + t.kind() + "' is unknown; use one of generation, completion, review,"
                    + " search (the rest of the file is checked as a generation task)");
            return TaskKind.GENERATION;
        }
    }

    private static String label(TaskKind kind) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return "a " + name + " task";
    }

    private static void unknownFields(List<Binding.UnknownField> unknown, TaskKind kind, FileProblems problems) {
        for (Binding.UnknownField field : unknown) {
            boolean top = field.type() == TaskFile.class;
            List<String> candidates = top ? FIELDS.get(kind) : Fields.of(field.type());
            String where = top ? "" : " in " + Binding.fieldPath(field.parentPointer());
            String fieldsOf = top ? "fields of " + label(kind) : "fields of " + Binding.fieldPath(
                    field.parentPointer()).replaceAll("\\[\\d+]$", " entries");
            problems.add(field.parentPointer() + "/" + field.name(), "unknown field '" + field.name() + "'" + where
                    + Fields.nearest(field.name(), candidates).map(n -> "; did you mean '" + n + "'?").orElse("")
                    + " (" + fieldsOf + ": " + String.join(", ", candidates) + ")");
        }
    }

    /** A field of another kind, given a value: an error, not silently ignored. */
    private static void notApplying(TaskFile t, TaskKind kind, FileProblems problems) {
        List<String> applying = FIELDS.get(kind);
        for (RecordComponent component : TaskFile.class.getRecordComponents()) {
            String name = Binding.SNAKE_CASE.translate(component.getName());
            if (applying.contains(name)) {
                continue;
            }
            Object value;
            try {
                value = component.getAccessor().invoke(t);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("a record's accessor is always callable", e);
            }
            if (value != null) {
                String usedBy = FIELDS.entrySet().stream().filter(e -> e.getValue().contains(name))
                        .map(e -> e.getKey().name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
                problems.add("/" + name, "'" + name + "' does not apply to " + label(kind) + " (it is a field of "
                        + usedBy + " tasks); remove it (fields of " + label(kind) + ": "
                        + String.join(", ", applying) + ")");
            }
        }
    }

    private static LocalDate reviewed(String text, FileProblems problems) {
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            if (date.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
                problems.add("/reviewed", "reviewed " + text + " is in the future; write the date of the review");
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            problems.add("/reviewed", "reviewed '" + text + "' must be a date YYYY-MM-DD");
            return null;
        }
    }

    private static void required(String value, String pointer, String message, FileProblems problems) {
        if ((value == null || value.isBlank()) && !problems.reportedAt(pointer)) {
            problems.add(pointer, message);
        }
    }

    private static void present(String value, String pointer, String message, FileProblems problems) {
        if (value == null && !problems.reportedAt(pointer)) {
            problems.add(pointer, message);
        }
    }

    private static List<TestCase> tests(List<TaskFile.Test> declared, String label, FileProblems problems) {
        if (declared == null) {
            if (!problems.reportedAt("/tests")) {
                problems.add("/tests", label + " needs 'tests': " + TESTS);
            }
            return List.of();
        }
        if (declared.isEmpty()) {
            problems.add("/tests", "tests must be " + TESTS);
            return List.of();
        }
        List<TestCase> tests = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < declared.size(); i++) {
            TaskFile.Test test = declared.get(i);
            if (test == null) {
                continue;
            }
            String name = test.name() == null || test.name().isBlank() ? "test-" + (i + 1) : test.name();
            if (!names.add(name)) {
                problems.add("/tests/" + i + "/name", "test name '" + name + "' appears twice; names must be unique"
                        + " within a task");
            }
            tests.add(new TestCase(name, test.code() == null ? "" : test.code(), Boolean.TRUE.equals(test.edge())));
        }
        return tests;
    }

    private static void simulation(TaskFile t, TaskKind kind, String language, FileProblems problems) {
        TaskFile.Simulation simulation = t.simulation();
        if (simulation != null && simulation.ignoresContext() != null && kind != TaskKind.COMPLETION) {
            problems.add("/simulation/ignores_context", "simulation.ignores_context applies only to completion"
                    + " tasks; a generation task takes off_by_one and missing_edge_case");
        }
        if (kind == TaskKind.COMPLETION && fileHole(t)
                && (simulation == null || blank(simulation.ignoresContext()))) {
            problems.add(simulation == null ? "/simulation" : "/simulation/ignores_context", "a completion task"
                    + " needs simulation.ignores_context: a middle that ignores a helper or idiom of the context"
                    + " files and fails at least one test");
        }
        if (kind == TaskKind.GENERATION && (language.equals("javascript") || language.equals("java"))) {
            // the simulator mutates only Python itself; other languages need their wrong answers written out
            for (String label : List.of("off_by_one", "missing_edge_case")) {
                String code = simulation == null ? null : simulation.byLabel().get(label);
                if (blank(code)) {
                    problems.add(simulation == null ? "/simulation" : "/simulation/" + label, "a " + language
                            + " generation task needs simulation." + label + ": a complete wrong solution that"
                            + " fails at least one test (the simulator cannot mutate " + language + " itself)");
                }
            }
        }
    }

    private static List<SourceFile> contextFiles(List<String> paths, Path folder, FileProblems problems) {
        if (paths == null) {
            return List.of();
        }
        Path codebase = folder.resolve("codebase").normalize();
        List<SourceFile> files = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            if (path == null || path.isBlank()) {
                continue;
            }
            Path file = codebase.resolve(path).normalize();
            if (!file.startsWith(codebase) || !Files.isRegularFile(file)) {
                problems.add("/context_files/" + i, "context file '" + path + "' not found under " + codebase
                        + "/; write a path relative to the suite's codebase/ folder");
                continue;
            }
            read(file, "/context_files/" + i, problems).ifPresent(content -> files.add(new SourceFile(path, content)));
        }
        return files;
    }

    private static List<SourceFile> reviewFiles(List<TaskFile.FileEntry> declared, String label,
            FileProblems problems) {
        if (declared == null || declared.isEmpty()) {
            if (!problems.reportedAt("/files")) {
                problems.add("/files", label + " needs 'files': a list of {path, content}, the code under review");
            }
            return List.of();
        }
        List<SourceFile> files = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < declared.size(); i++) {
            TaskFile.FileEntry entry = declared.get(i);
            if (entry == null || entry.path() == null) {
                continue;
            }
            if (!paths.add(entry.path())) {
                problems.add("/files/" + i + "/path", "file '" + entry.path() + "' appears twice");
            }
            files.add(new SourceFile(entry.path(), entry.content()));
        }
        return files;
    }

    private static List<KnownFinding> findings(List<TaskFile.Finding> declared, List<SourceFile> files,
            String label, FileProblems problems) {
        if (declared == null || declared.isEmpty()) {
            if (!problems.reportedAt("/findings")) {
                problems.add("/findings", label + " needs 'findings': " + FINDINGS);
            }
            return List.of();
        }
        Map<String, SourceFile> byPath = new LinkedHashMap<>();
        files.forEach(f -> byPath.put(f.path(), f));
        List<KnownFinding> findings = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            TaskFile.Finding f = declared.get(i);
            if (f == null) {
                continue;
            }
            String at = "/findings/" + i;
            SourceFile file = f.file() == null ? null : byPath.get(f.file());
            if (f.file() != null && file == null) {
                problems.add(at + "/file", "finding file '" + f.file() + "' is not one of the task's files: "
                        + String.join(", ", byPath.keySet()));
            }
            int start = 0;
            int end = 0;
            if (f.lines() != null && f.lines().size() == 2 && f.lines().get(0) != null && f.lines().get(1) != null) {
                start = f.lines().get(0);
                end = f.lines().get(1);
                if (start < 1 || end < start) {
                    problems.add(at + "/lines", "lines [" + start + ", " + end + "]: expected [start, end] with"
                            + " 1 <= start <= end");
                } else if (file != null && end > file.lineCount()) {
                    problems.add(at + "/lines", "lines [" + start + ", " + end + "] are outside " + file.path()
                            + ", which has lines 1.." + file.lineCount());
                }
            }
            String category = ReviewCategories.normalise(f.category());
            if (f.category() == null) {
                problems.add(at + "/category", "the finding needs 'category': " + vocabulary());
            } else if (ReviewCategories.GROUPS.values().stream().noneMatch(c -> c.contains(category))) {
                List<String> all = ReviewCategories.GROUPS.values().stream().flatMap(List::stream).toList();
                problems.add(at + "/category", "category '" + f.category() + "' is not in the vocabulary"
                        + Fields.nearest(category, all).map(n -> "; did you mean '" + n + "'?").orElse("")
                        + " (" + vocabulary() + ")");
            }
            findings.add(new KnownFinding(f.file(), start, end, f.tier() == null ? 0 : f.tier(), category,
                    f.severity(), f.note()));
        }
        return findings;
    }

    private static String vocabulary() {
        return ReviewCategories.GROUPS.entrySet().stream().map(e -> e.getKey() + ": " + String.join(", ",
                e.getValue())).collect(Collectors.joining("; "));
    }

    /** Every file of the corpus, by path, each named {@code <corpus>/...}. */
    private static List<SourceFile> corpus(String corpus, Path folder, String label, FileProblems problems) {
        if (blank(corpus)) {
            if (!problems.reportedAt("/corpus")) {
                problems.add("/corpus", label + " needs 'corpus': the name of a folder under the suite's corpus/");
            }
            return List.of();
        }
        Path root = folder.resolve("corpus").normalize();
        Path dir = root.resolve(corpus).normalize();
        if (!dir.startsWith(root) || !Files.isDirectory(dir)) {
            problems.add("/corpus", "corpus '" + corpus + "' not found: no folder " + dir);
            return List.of();
        }
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(p -> !hidden(dir, p)).sorted().toList()) {
                String path = root.relativize(file).toString().replace('\\', '/');
                read(file, "/corpus", problems).ifPresent(content -> files.add(new SourceFile(path, content)));
            }
        } catch (IOException e) {
            problems.add("/corpus", "corpus '" + corpus + "' cannot be read: " + e.getMessage());
        }
        return files;
    }

    /** Dot-files and Python's byte-code caches are no part of a corpus. */
    private static boolean hidden(Path dir, Path file) {
        for (Path part : dir.relativize(file)) {
            String name = part.toString();
            if (name.startsWith(".") || name.equals("__pycache__") || name.endsWith(".pyc")) {
                return true;
            }
        }
        return false;
    }

    private static List<GoldLocation> gold(TaskFile t, Path folder, FileProblems problems) {
        if (t.gold() == null || t.gold().isEmpty()) {
            if (!problems.reportedAt("/gold")) {
                problems.add("/gold", "a search task needs 'gold': a list of {file, symbol}, the locations that"
                        + " answer the query, most relevant first");
            }
            return List.of();
        }
        Path root = folder.resolve("corpus").normalize();
        List<GoldLocation> gold = new ArrayList<>();
        for (int i = 0; i < t.gold().size(); i++) {
            TaskFile.Gold g = t.gold().get(i);
            if (g == null || g.file() == null) {
                continue;
            }
            String at = "/gold/" + i;
            gold.add(new GoldLocation(g.file(), g.symbol()));
            if (t.corpus() != null && !g.file().startsWith(t.corpus() + "/")) {
                problems.add(at + "/file", "gold file '" + g.file() + "' must start with the corpus name: "
                        + t.corpus() + "/...");
                continue;
            }
            Path file = root.resolve(g.file()).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                problems.add(at + "/file", "gold file '" + g.file() + "' not found under " + root + "/");
                continue;
            }
            if (!blank(g.symbol())) {
                Optional<String> content = read(file, at + "/file", problems);
                if (content.isPresent() && !defines(content.get(), g.symbol().strip())) {
                    problems.add(at + "/symbol", "symbol '" + g.symbol() + "' is not defined in " + g.file()
                            + " (no def, class, function, const or '" + g.symbol() + " =' of that name)");
                }
            }
        }
        if (t.prompt() != null) {
            for (String leak : leaks(t.prompt(), gold)) {
                problems.add("/prompt", "the query gives the answer away: it contains '" + leak + "'; describe"
                        + " what the code does without its identifiers or file names");
            }
        }
        return gold;
    }

    /** Whether content defines symbol (for Class.method, the method). */
    static boolean defines(String content, String symbol) {
        String name = symbol.contains(".") ? symbol.substring(symbol.lastIndexOf('.') + 1) : symbol;
        String q = Pattern.quote(name);
        Pattern definition = Pattern.compile("(?m)\\b(?:def|class|function|const|let|var|interface|enum|record)\\s+"
                + q + "\\b|^\\s*(?:export\\s+)?(?:self\\.)?" + q + "\\s*(?::[^=\\n]*)?=(?!=)"
                + "|^\\s*(?:(?:public|private|protected|static|final|async|export)\\s+)*(?:[\\w<>\\[\\],.?]+\\s+)?"
                + q + "\\s*\\([^)]*\\)\\s*(?:throws [\\w., ]+)?\\{");
        return definition.matcher(content).find();
    }

    /** The gold symbols and file stems the prompt names, ignoring case and reading _ as a space. */
    static List<String> leaks(String prompt, List<GoldLocation> gold) {
        String text = prompt.toLowerCase(Locale.ROOT);
        String spaced = text.replace('_', ' ');
        Set<String> terms = new java.util.LinkedHashSet<>();
        for (GoldLocation g : gold) {
            if (g.symbol() != null) {
                String name = g.symbol().contains(".") ? g.symbol().substring(g.symbol().lastIndexOf('.') + 1)
                        : g.symbol();
                terms.add(name);
            }
            String stem = stem(Path.of(g.file())).replaceAll("^_+|_+$", "");
            if (!stem.isEmpty()) {
                terms.add(stem);
            }
        }
        List<String> leaks = new ArrayList<>();
        for (String term : terms) {
            String lower = term.toLowerCase(Locale.ROOT);
            String words = term.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ')
                    .toLowerCase(Locale.ROOT).strip();
            for (String variant : new java.util.LinkedHashSet<>(List.of(lower, words))) {
                Pattern word = Pattern.compile("(?<![a-z0-9_])" + Pattern.quote(variant) + "(?![a-z0-9_])");
                if (word.matcher(text).find() || word.matcher(spaced).find()) {
                    leaks.add(term);
                    break;
                }
            }
        }
        return leaks;
    }

    private static Optional<String> read(Path file, String pointer, FileProblems problems) {
        try {
            return Optional.of(Files.readString(file));
        } catch (CharacterCodingException e) {
            problems.add(pointer, file + " is not UTF-8 text");
        } catch (IOException e) {
            problems.add(pointer, file + " cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
