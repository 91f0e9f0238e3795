package io.evalwatch.sandbox.language;

import io.evalwatch.sandbox.config.SandboxConfig;
import io.evalwatch.sandbox.environment.EnvironmentLayout;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.isolation.Bind;
import io.evalwatch.sandbox.isolation.Limits;
import io.evalwatch.sandbox.isolation.Program;
import io.evalwatch.sandbox.isolation.SandboxPaths;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Java, launched as a single source file (JEP 330): solution, harness and tests compile together in memory
 * and run in one JVM. Tests are statements such as {@code assert Solution.add(1, 2) == 3;} (assertions are
 * enabled). A compile error stops everything before the harness starts, so it is read from the output.
 */
@ApplicationScoped
public class JavaLanguage implements Language {

    private static final Pattern ENTRY = Pattern.compile("([A-Za-z_$][\\w$]*\\.)?[A-Za-z_$][\\w$]*");
    private static final Pattern COMPILE_ERROR = Pattern.compile("^\\S*" + Pattern.quote(JavaSource.FILE_NAME)
            + ":(\\d+): error: (.*)$", Pattern.MULTILINE);
    private static final List<String> SYNTAX_MARKERS = List.of("expected", "illegal start of", "not a statement",
            "reached end of file while parsing", "unclosed", "orphaned", "illegal character", "malformed");
    private static final Set<String> MISSING_AT_RUNTIME = Set.of("NoSuchMethodError", "NoClassDefFoundError",
            "NoSuchFieldError", "ClassNotFoundException");

    /** javac's words for an import or a qualified name whose package is on no class path. */
    private static final Pattern MISSING_PACKAGE = Pattern.compile("^package ([\\w$.]+) does not exist$");
    /** The JDK's own namespaces: a package missing there is not one a Maven artifact could provide. */
    private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private final String command;
    private final double startupSeconds;
    private final List<Bind> configBinds;

    public JavaLanguage(SandboxConfig config) {
        SandboxConfig.LanguageSettings settings = config.languages().get("java");
        this.command = settings != null && settings.command().isPresent() ? settings.command().get() : "/usr/bin/java";
        this.startupSeconds = settings != null ? settings.startupSeconds().orElse(5.0) : 5.0;
        this.configBinds = jdkConfiguration();
    }

    /** Debian's JDK keeps its conf files under /etc/java-N-openjdk, linked from the JDK: they must be visible. */
    private static List<Bind> jdkConfiguration() {
        List<Bind> binds = new ArrayList<>();
        try (Stream<Path> etc = Files.list(Path.of("/etc"))) {
            etc.filter(p -> p.getFileName().toString().matches("java-\\d+-openjdk") && Files.isDirectory(p))
                    .forEach(p -> binds.add(Bind.readOnly(p, p.toString())));
        } catch (IOException e) {
            // no /etc/java-*: a JDK that keeps its configuration inside its own tree
        }
        return List.copyOf(binds);
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public boolean validEntryPoint(String entryPoint) {
        return entryPoint != null && ENTRY.matcher(entryPoint).matches();
    }

    @Override
    public Program program(ExecutionRequest request, SandboxPaths paths, Limits limits) {
        JavaSource source = JavaSource.of(request.code(), request.entryPoint(), request.tests());
        long heapMb = Math.max(32, limits.memoryBytes() / 2 / (1024 * 1024));
        List<String> argv = new ArrayList<>(List.of(command, "-ea", "--add-opens", "java.base/java.io=ALL-UNNAMED",
                "-Xmx" + heapMb + "m", "-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:ActiveProcessorCount=1", "-XX:-UsePerfData", "-Xshare:auto", "-Djava.io.tmpdir=" + paths.scratch()));
        if (paths.environment() != null) {
            // in source-file mode one class path serves both the in-memory compile and the run
            argv.addAll(List.of("-cp", paths.environment() + "/" + EnvironmentLayout.JAVA_LIB + "/*"));
        }
        argv.addAll(List.of(paths.input() + "/" + JavaSource.FILE_NAME, "3", paths.pidsArgument()));
        return new Program(name(), Map.of(JavaSource.FILE_NAME, source.text().getBytes(StandardCharsets.UTF_8)),
                argv, configBinds, false, null, request.environment());
    }

    @Override
    public double startupSeconds() {
        return startupSeconds;
    }

    @Override
    public boolean hallucinatedApi(String exceptionType, String message) {
        return exceptionType != null && MISSING_AT_RUNTIME.contains(exceptionType);
    }

    /**
     * The package of a {@code package x does not exist} compile error, outside the JDK's namespaces. A Java package is
     * not a Maven coordinate and nothing is looked up (see {@link Language#missingModule}): the package is named as
     * javac names it.
     */
    @Override
    public Optional<String> missingModule(String exceptionType, String message) {
        Matcher missing = message == null ? null : MISSING_PACKAGE.matcher(message.replaceFirst("^line \\d+: ", ""));
        if (!"CompilationError".equals(exceptionType) || missing == null || !missing.matches()) {
            return Optional.empty();
        }
        String name = missing.group(1);
        return JDK_PACKAGES.stream().anyMatch(name::startsWith) ? Optional.empty() : Optional.of(name);
    }

    @Override
    public boolean outOfMemory(String exceptionType, String message) {
        return "OutOfMemoryError".equals(exceptionType);
    }

    @Override
    public boolean outputSaysOutOfMemory(String output) {
        return output.contains("java.lang.OutOfMemoryError");
    }

    /** Reads javac's errors: syntax, an entry point the tests cannot call, or an API that does not exist. */
    @Override
    public Optional<LoadFailure> loadFailureFromOutput(ExecutionRequest request, String output) {
        if (!output.contains("error: compilation failed")) {
            return Optional.empty();
        }
        JavaSource source = JavaSource.of(request.code(), request.entryPoint(), request.tests());
        Matcher errors = COMPILE_ERROR.matcher(output);
        String first = null;
        String missingPackage = null;
        boolean solutionSyntax = false;
        boolean solutionMissingSymbol = false;
        boolean testsCannotCall = false;
        boolean wrongSignature = false;
        while (errors.find()) {
            int line = Integer.parseInt(errors.group(1));
            String message = errors.group(2).strip();
            String detail = output.substring(errors.end(), Math.min(output.length(), errors.end() + 400));
            if (first == null) {
                first = source.inSolution(line) ? "line " + (line - source.solutionFirstLine() + 1) + ": " + message
                        : source.inTests(line) ? "in the tests: " + message : message;
            }
            if (missingPackage == null && message.startsWith("package ") && message.endsWith("does not exist")) {
                // the solution's imports sit above it in the file, so a missing package is looked for everywhere
                missingPackage = message;
            }
            if (source.inSolution(line)) {
                solutionSyntax |= SYNTAX_MARKERS.stream().anyMatch(message::contains);
                solutionMissingSymbol |= message.startsWith("cannot find symbol")
                        || (message.startsWith("package ") && message.endsWith("does not exist"));
            } else if (source.inTests(line)) {
                boolean namesEntry = detail.contains(source.method() + "(") || detail.contains("class " + source.ownerClass())
                        || detail.contains("variable " + source.ownerClass());
                testsCannotCall |= message.startsWith("cannot find symbol") && namesEntry;
                boolean badCall = message.contains("cannot be applied to given types")
                        || message.startsWith("incompatible types") || message.startsWith("no suitable method");
                wrongSignature |= badCall;
                testsCannotCall |= badCall;
            }
        }
        String message = first == null ? "compilation failed" : first;
        if (solutionSyntax) {
            return Optional.of(new LoadFailure("syntax", "CompilationError", message, false, false));
        }
        if (missingPackage != null) {
            // the symbols of a missing package are missing too: the package is the cause worth naming
            boolean dependency = missingModule("CompilationError", missingPackage).isPresent();
            return Optional.of(new LoadFailure("exception", "CompilationError", missingPackage, !dependency, false));
        }
        if (solutionMissingSymbol) {
            return Optional.of(new LoadFailure("exception", "CompilationError", message, true, false));
        }
        if (testsCannotCall) {
            return Optional.of(new LoadFailure("missing_entry_point", "CompilationError", message, false, wrongSignature));
        }
        return Optional.of(new LoadFailure("exception", "CompilationError", message, false, false));
    }
}
