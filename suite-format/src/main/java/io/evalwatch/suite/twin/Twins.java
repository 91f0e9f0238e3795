package io.evalwatch.suite.twin;

import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestCase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Contamination twins: a deterministic, surface-perturbed copy of a Python function task that means the same. The
 * functions the prompt and the reference define and their parameters are renamed in the prompt, the tests and the
 * reference; the docstring's (or a generation prompt's) prose is reworded by {@link Prose#PHRASES}; doctest examples
 * are reordered. Everything else (strings, attributes, builtins, imports, keyword arguments of other functions) is
 * kept. See docs/SUITES.md, "Contamination twins".
 */
public final class Twins {

    /** What a twin's id adds to its original's. */
    public static final String SUFFIX = "-twin";

    private static final Pattern WORD = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");
    private static final Pattern CODE_START = Pattern.compile("(?s)\\s*(?:def |async def |from |import |@|class |#"
            + "|\"\"\"|'''|[A-Za-z_]\\w*\\s*=[^=]).*");

    private Twins() {
    }

    /** The task's twin, or empty when it cannot have one ({@link #whyNot} says why). */
    public static Optional<Twin> of(TaskSpec task) {
        return Optional.ofNullable(attempt(task).twin());
    }

    /** Why the task has no twin; empty when it has one. */
    public static Optional<String> whyNot(TaskSpec task) {
        return Optional.ofNullable(attempt(task).reason());
    }

    /** The id of a task's twin. */
    public static String idOf(String taskId) {
        return taskId + SUFFIX;
    }

    private record Attempt(Twin twin, String reason) {
    }

    private static Attempt attempt(TaskSpec task) {
        if (!"python".equals(task.language())) {
            return new Attempt(null, "only Python tasks have a twin, this one is " + task.language());
        }
        boolean functionTask = task.kind() == TaskKind.GENERATION
                || (task.kind() == TaskKind.COMPLETION && task.hole() == null);
        if (!functionTask) {
            return new Attempt(null, "only generation tasks and function completions (no hole) have a twin, this"
                    + " one is a " + task.kind().name().toLowerCase() + (task.hole() != null ? " with a hole" : ""));
        }
        if (task.entryPoint() == null || task.entryPoint().isBlank() || task.tests().isEmpty()) {
            return new Attempt(null, "a twin needs an entry point and tests");
        }
        boolean promptIsCode = isCode(task);
        List<String> code = new ArrayList<>();
        if (promptIsCode) {
            code.add(task.prompt());
        }
        if (task.reference() != null) {
            code.add(task.reference());
        }
        Set<String> functions = new LinkedHashSet<>();
        Set<String> parameters = new LinkedHashSet<>();
        functions.add(task.entryPoint());
        for (String text : code) {
            PythonCode.Definitions defined = PythonCode.definitions(text);
            functions.addAll(defined.functions());
            parameters.addAll(defined.parameters());
        }
        List<String> everyCode = new ArrayList<>(code);
        task.tests().forEach(t -> everyCode.add(t.code()));
        Set<String> kept = new LinkedHashSet<>();
        for (String text : everyCode) {
            kept.addAll(PythonCode.untouchable(text, functions));
        }
        if (kept.contains(task.entryPoint()) || !renameable(task.entryPoint(), task.reference())) {
            return new Attempt(null, "the entry point " + task.entryPoint() + " is reached as an attribute, an"
                    + " import or a keyword argument, or is a builtin name the task does not define at module level,"
                    + " where a rename cannot follow it");
        }
        functions.removeIf(name -> kept.contains(name) || !renameable(name, task.reference()));
        parameters.removeIf(name -> kept.contains(name) || Python.reserved(name) || functions.contains(name));

        Set<String> taken = new LinkedHashSet<>(words(task.prompt()));
        everyCode.forEach(text -> taken.addAll(words(text)));
        Map<String, String> renames = NameChoice.choose(task.id(), functions, parameters, taken);

        Prose prose = new Prose(renames, NameChoice.seed(task.id()));
        String prompt = promptIsCode ? PythonCode.rename(task.prompt(), renames, prose::reword)
                : prose.reword(task.prompt());
        String reference = task.reference() == null ? null
                : PythonCode.rename(task.reference(), renames, prose::reword);
        List<TestCase> tests = task.tests().stream().map(t -> new TestCase(t.name(),
                PythonCode.rename(t.code(), renames, null), t.edge())).toList();
        if (prompt.equals(task.prompt())) {
            return new Attempt(null, "the prompt would read the same: it names neither the entry point nor any"
                    + " phrase the rewording changes");
        }
        List<String> tags = new ArrayList<>(task.tags());
        tags.add("twin");
        TaskSpec twin = new TaskSpec(idOf(task.id()), task.category(), task.kind(), task.language(), prompt,
                renames.get(task.entryPoint()), tests, task.timeoutSeconds(), tags, task.environment(),
                task.memoryMb(), reference, task.files(), task.hole(), task.findings(), task.gold(),
                task.complexity());
        return new Attempt(new Twin(task.id(), twin, renames), null);
    }

    /**
     * A function name a rename may take: not reserved, or a builtin's name that the reference's module-level def
     * shadows for the whole module (MBPP's {@code def sum(a, b)}), so every use of it is the task's function.
     */
    private static boolean renameable(String name, String reference) {
        if (!Python.reserved(name)) {
            return true;
        }
        boolean hardKeyword = Python.KEYWORDS.contains(name) && !Python.SOFT_KEYWORDS.contains(name);
        return !hardKeyword && !name.startsWith("__") && reference != null && Pattern.compile("(?m)^def\\s+"
                + Pattern.quote(name) + "\\s*\\(").matcher(reference).find();
    }

    /**
     * A prompt that is Python source (a function completion's signature and docstring, or a generation prompt
     * that starts as code), not prose about a function.
     */
    private static boolean isCode(TaskSpec task) {
        boolean definesEntryPoint = Pattern.compile("(?m)^(?:async\\s+)?def\\s+" + Pattern.quote(task.entryPoint())
                + "\\s*\\(").matcher(task.prompt()).find();
        return definesEntryPoint && (task.kind() == TaskKind.COMPLETION || CODE_START.matcher(task.prompt()).matches());
    }

    private static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }
}
