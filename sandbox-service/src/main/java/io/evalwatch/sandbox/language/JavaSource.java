package io.evalwatch.sandbox.language;

import io.evalwatch.events.TestCase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single source file a Java execution launches: the solution's imports, the harness class (first, so the
 * source launcher runs it) with one method per test, then the solution, then (unless it is precompiled on the
 * class path) the harness runtime every run shares. Remembers which lines hold the
 * solution and which the tests, so a compile error can be blamed on the right one.
 *
 * @param ownerClass the class whose method is the entry point
 * @param solutionFirstLine first line (1-based) of the solution in the file
 * @param testsFirstLine first line of the generated test methods
 * @param testsLastLine last line of the generated test methods
 */
public record JavaSource(String text, String ownerClass, String method, int solutionFirstLine, int testsFirstLine,
        int testsLastLine) {

    public static final String FILE_NAME = "EvalwatchHarness.java";
    public static final String DEFAULT_CLASS = "Solution";
    /** The harness class, first in the file: what a run of the compiled classes starts. */
    public static final String MAIN_CLASS = "EvalwatchHarness";
    /** The harness runtime's class and source file, precompiled once where possible (see JavaLanguage). */
    public static final String RUNTIME_CLASS = "EvalwatchRuntime";
    public static final String RUNTIME_SOURCE = resource(RUNTIME_CLASS + ".java");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*$",
            Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+[\\w.]+\\s*;\\s*$", Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile(
            "^(?:(?:public|final|abstract|static|sealed|strictfp)\\s+)*(class|interface|enum|record)\\s+(\\w+)",
            Pattern.MULTILINE);
    private static final String COMMON_IMPORTS = "import java.util.*;\nimport java.util.function.*;\n"
            + "import java.util.stream.*;\n";
    private static final String TEMPLATE = resource("EvalwatchHarness.java.template");

    /** The self-contained file: the harness runtime follows the solution. */
    public static JavaSource of(String code, String entryPoint, List<TestCase> tests) {
        return of(code, entryPoint, tests, false);
    }

    /**
     * Lays out the file for a solution, an entry point ({@code method} or {@code Class.method}) and tests.
     *
     * @param runtimeOnClassPath whether the run finds {@link #RUNTIME_CLASS} compiled on its class path; if not, its
     *     source is appended below the solution (so no line of the solution or the tests moves)
     */
    public static JavaSource of(String code, String entryPoint, List<TestCase> tests, boolean runtimeOnClassPath) {
        String owner;
        String method;
        int dot = entryPoint.lastIndexOf('.');
        if (dot > 0) {
            owner = entryPoint.substring(0, dot);
            method = entryPoint.substring(dot + 1);
        } else {
            owner = null;
            method = entryPoint;
        }
        StringBuilder imports = new StringBuilder(COMMON_IMPORTS);
        Matcher importLines = IMPORT.matcher(code);
        while (importLines.find()) {
            imports.append(importLines.group().strip()).append('\n');
        }
        String body = PACKAGE.matcher(IMPORT.matcher(code).replaceAll("")).replaceAll("").strip() + "\n";
        Matcher types = TYPE.matcher(body);
        List<String> declared = new ArrayList<>();
        while (types.find()) {
            declared.add(types.group(2));
        }
        if (declared.isEmpty()) {
            // bare methods: give them the class the tests call them through
            body = "class " + DEFAULT_CLASS + " {\n" + body + "\n}\n";
            declared.add(DEFAULT_CLASS);
        }
        if (owner == null) {
            owner = declared.contains(DEFAULT_CLASS) ? DEFAULT_CLASS : declared.get(0);
        }
        StringBuilder dispatch = new StringBuilder();
        StringBuilder methods = new StringBuilder();
        for (int i = 0; i < tests.size(); i++) {
            dispatch.append("            case ").append(i).append(": test").append(i).append("(); break;\n");
            methods.append("    static void test").append(i).append("() throws Throwable {\n")
                    .append(tests.get(i).code()).append("\n    }\n\n");
        }
        String head = TEMPLATE.replace("/*IMPORTS*/", imports.toString())
                .replace("/*OWNER*/", owner)
                .replace("/*ENTRY*/", method)
                .replace("/*COUNT*/", Integer.toString(tests.size()))
                .replace("/*DISPATCH*/\n", dispatch.toString());
        int testsAt = head.indexOf("/*TESTS*/");
        int testsFirstLine = lines(head.substring(0, testsAt)) + 1;
        String withTests = head.replace("/*TESTS*/\n", methods.toString());
        int testsLastLine = testsFirstLine + lines(methods.toString()) - 1;
        int solutionAt = withTests.indexOf("/*SOLUTION*/");
        int solutionFirstLine = lines(withTests.substring(0, solutionAt)) + 1;
        String text = withTests.replace("/*SOLUTION*/", body) + (runtimeOnClassPath ? "" : "\n" + RUNTIME_SOURCE);
        return new JavaSource(text, owner, method, solutionFirstLine, testsFirstLine, testsLastLine);
    }

    private static int lines(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    public boolean inSolution(int line) {
        return line >= solutionFirstLine;
    }

    public boolean inTests(int line) {
        return line >= testsFirstLine && line <= testsLastLine;
    }

    static String resource(String name) {
        try (InputStream in = JavaSource.class.getResourceAsStream("/harness/java/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the Java harness's " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
