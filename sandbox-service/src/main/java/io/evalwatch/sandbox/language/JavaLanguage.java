package io.evalwatch.sandbox.language;

import io.evalwatch.events.TestCase;
import io.evalwatch.sandbox.config.SandboxConfig;
import io.evalwatch.sandbox.environment.EnvironmentLayout;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.isolation.Bind;
import io.evalwatch.sandbox.isolation.LaunchCommand;
import io.evalwatch.sandbox.isolation.Limits;
import io.evalwatch.sandbox.isolation.Precompile;
import io.evalwatch.sandbox.isolation.Program;
import io.evalwatch.sandbox.isolation.SandboxPaths;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Java, launched as a single source file (JEP 330): solution, harness and tests compile together in memory
 * and run in one JVM. Tests are statements such as {@code assert Solution.add(1, 2) == 3;} (assertions are
 * enabled). A compile error stops everything before the harness starts, so it is read from the output.
 *
 * <p>Most of a run's time is the compiler warming up. So as the service starts, {@link #prepareHarness} compiles
 * the harness runtime every run shares (then a run compiles only its tests and solution) and dumps a class-data
 * sharing archive of the classes a run loads, the compiler's above all (then a run maps them instead of loading
 * them). Both are root-owned, read-only files in the harness directory that every sandbox binds read-only; each run
 * is still a fresh JVM in a sandbox of its own. They are made in the background; runs do without them until then,
 * and for good where they cannot be made.
 *
 * <p>With them comes the compile server's program ({@link #compileServer}): a program then carries a
 * {@link Precompile}, and the sandbox has the file compiled by a warm javac in a sandbox of its own, the run
 * executing only the class files, in its own fresh JVM. The source launch stays the way without a server.
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

    /** Under the harness directory: the precompiled runtime and the archive. */
    static final String RUNTIME_CLASSES = "java/classes";
    static final String ARCHIVE = "java/evalwatch.jsa";
    /** Under the harness directory: the compile server's classes (see CompileServer.java). */
    static final String COMPILE_SERVER_CLASSES = "java/compile-server";
    static final String COMPILE_SERVER_CLASS = "CompileServer";
    /** The compile server's heap, below its memory cgroup's limit. */
    private static final int COMPILE_SERVER_HEAP_MB = 384;

    private static final Logger LOG = Logger.getLogger(JavaLanguage.class);

    private final String command;
    private final double startupSeconds;
    private final List<Bind> configBinds;
    private final boolean startupArchives;
    private final boolean compileServerWanted;
    private volatile boolean runtimePrecompiled;
    private volatile boolean compileServerBuilt;
    private volatile boolean archived;
    private final CountDownLatch prepared = new CountDownLatch(1);

    public JavaLanguage(SandboxConfig config) {
        SandboxConfig.LanguageSettings settings = config.languages().get("java");
        this.command = settings != null && settings.command().isPresent() ? settings.command().get() : "/usr/bin/java";
        this.startupSeconds = settings != null ? settings.startupSeconds().orElse(5.0) : 5.0;
        this.configBinds = jdkConfiguration();
        this.startupArchives = config.startupArchives();
        this.compileServerWanted = config.javaCompileServer();
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

    /**
     * Compiles the harness runtime with the javac beside the runs' java, then dumps the archive from one training
     * run of a sample file (the classes it loaded, listed by the JVM itself). The archive holds the JDK's classes only
     * (it is dumped with no class path), so a run maps it whatever its class path: the runtime, an environment's jars.
     * Any failure leaves runs on the self-contained file, without the archive.
     */
    @Override
    public void prepareHarness(Path hostHarnessDir) {
        if (!startupArchives) {
            prepared.countDown();
            return;
        }
        // in the background: the service is ready at once, and Java runs launch as without these until they are made
        Thread builder = new Thread(() -> {
            try {
                makeStartupArchives(hostHarnessDir);
            } finally {
                prepared.countDown();
            }
        }, "java-startup-archives");
        builder.setDaemon(true);
        builder.start();
    }

    /** Waits until the start-up archives are made, or could not be; true if the archive is in use. */
    public boolean awaitStartupArchives(Duration timeout) throws InterruptedException {
        return prepared.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && archived;
    }

    private void makeStartupArchives(Path hostHarnessDir) {
        Path classes = hostHarnessDir.resolve(RUNTIME_CLASSES);
        Path archive = hostHarnessDir.resolve(ARCHIVE);
        // beside the harness directory, not in it: no run sees the training files
        Path training = hostHarnessDir.resolveSibling("java-training");
        try {
            Files.createDirectories(training);
            Files.createDirectories(classes);
            Files.setPosixFilePermissions(classes.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            Path runtimeSource = training.resolve(JavaSource.RUNTIME_CLASS + ".java");
            Files.writeString(runtimeSource, JavaSource.RUNTIME_SOURCE);
            Path javac = Path.of(command).toRealPath().resolveSibling("javac");
            host(List.of(javac.toString(), "-d", classes.toString(), "-g:none", runtimeSource.toString()));
            readOnlyTree(classes);
            runtimePrecompiled = true;
            if (compileServerWanted) {
                Path serverClasses = hostHarnessDir.resolve(COMPILE_SERVER_CLASSES);
                Files.createDirectories(serverClasses);
                Path serverSource = training.resolve(COMPILE_SERVER_CLASS + ".java");
                Files.writeString(serverSource, JavaSource.resource(COMPILE_SERVER_CLASS + ".java"));
                host(List.of(javac.toString(), "-d", serverClasses.toString(), serverSource.toString()));
                readOnlyTree(serverClasses);
                compileServerBuilt = true;
            }

            JavaSource sample = JavaSource.of("class Solution {\n    static int add(int a, int b) {\n"
                    + "        return a + b;\n    }\n}\n", "add",
                    List.of(new TestCase("t0", "assert Solution.add(1, 2) == 3;", false)), true);
            Path file = training.resolve(JavaSource.FILE_NAME);
            Files.writeString(file, sample.text());
            Path classList = training.resolve("classes.lst");
            List<String> run = new ArrayList<>(jvmOptions(64, training.toString()));
            run.addAll(List.of("-cp", classes.toString(), file.toString(), "3", "shared-pids"));
            host(concat(List.of(command, "-Xshare:off", "-XX:DumpLoadedClassList=" + classList), run));
            host(List.of(command, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                    "-XX:SharedArchiveFile=" + archive));
            // the archive must map (-Xshare:on fails where it would not): proven once here, not per run
            host(concat(List.of(command, "-Xshare:on", "-XX:SharedArchiveFile=" + archive), run));
            Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("r--r--r--"));
            archived = true;
            LOG.infof("Java runs start from a class-data sharing archive (%d MiB) and a precompiled harness runtime",
                    Files.size(archive) >> 20);
        } catch (IOException e) {
            LOG.warnf("Java runs launch %s: %s", runtimePrecompiled ? "without a class-data sharing archive"
                    : "with the harness runtime compiled each time and no class-data sharing archive", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(training);
        }
    }

    /**
     * The compile server: a JVM on CompileServer, writing class files to /sandbox/out, two compiles at a time (the
     * sandbox binds the output directory and the run's environment). Available once the harness runtime is compiled.
     */
    @Override
    public Optional<Program> compileServer(Duration wait) {
        try {
            prepared.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!compileServerBuilt || !runtimePrecompiled) {
            return Optional.empty();
        }
        List<String> argv = List.of(command, "-Xshare:auto", "-Xmx" + COMPILE_SERVER_HEAP_MB + "m", "-Xss4m",
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Djava.io.tmpdir=/tmp",
                // it writes its replies to fd 3 as the runtime writes records, through java.io's FileDescriptor
                "--add-opens", "java.base/java.io=ALL-UNNAMED",
                "-cp", LaunchCommand.HARNESS_DIR + "/" + COMPILE_SERVER_CLASSES, COMPILE_SERVER_CLASS,
                "/sandbox/out", "2", LaunchCommand.INPUT_DIR);
        return Optional.of(new Program("java-compile", Map.of(), argv, configBinds, false));
    }

    /** The JVM options of every run, training included; the archive is only used under the options it was made with. */
    private static List<String> jvmOptions(long heapMb, String tmpdir) {
        return List.of("-ea", "--add-opens", "java.base/java.io=ALL-UNNAMED", "-Xmx" + heapMb + "m", "-Xss4m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ActiveProcessorCount=1", "-XX:-UsePerfData",
                "-Djava.io.tmpdir=" + tmpdir);
    }

    private static void host(List<String> argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(argv.get(0) + " took too long");
        }
        if (process.exitValue() != 0) {
            String text = new String(output, StandardCharsets.UTF_8).strip();
            throw new IOException(Path.of(argv.get(0)).getFileName() + " " + argv.get(1) + " failed (exit "
                    + process.exitValue() + "): " + text.substring(0, Math.min(text.length(), 500)));
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Root-owned: the slots' uids may read the files and enter the directories, nobody but root may change them. */
    private static void readOnlyTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover training file in the service's own directory does no harm
        }
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
        boolean precompiled = runtimePrecompiled;
        JavaSource source = JavaSource.of(request.code(), request.entryPoint(), request.tests(), precompiled);
        long heapMb = Math.max(32, limits.memoryBytes() / 2 / (1024 * 1024));
        List<String> jvm = new ArrayList<>(List.of(command));
        // -Xshare:auto: a JVM that cannot map the archive runs without it, as it would without the option
        jvm.add(archived ? "-XX:SharedArchiveFile=" + paths.harness() + "/" + ARCHIVE : "-Xshare:auto");
        jvm.addAll(jvmOptions(heapMb, paths.scratch()));
        List<String> classPath = new ArrayList<>();
        if (precompiled) {
            classPath.add(paths.harness() + "/" + RUNTIME_CLASSES);
        }
        if (paths.environment() != null) {
            // in source-file mode one class path serves both the in-memory compile and the run
            classPath.add(paths.environment() + "/" + EnvironmentLayout.JAVA_LIB + "/*");
        }
        List<String> argv = new ArrayList<>(jvm);
        if (!classPath.isEmpty()) {
            argv.addAll(List.of("-cp", String.join(":", classPath)));
        }
        argv.addAll(List.of(paths.input() + "/" + JavaSource.FILE_NAME, "3", paths.pidsArgument()));
        byte[] text = source.text().getBytes(StandardCharsets.UTF_8);
        Precompile precompile = null;
        if (precompiled && compileServerBuilt) {
            // the same JVM on the classes compiled for it ahead of the run; argv stays the way without a server
            List<String> run = new ArrayList<>(jvm);
            run.addAll(List.of("-cp", Precompile.CLASSES_DIR + ":" + String.join(":", classPath),
                    JavaSource.MAIN_CLASS, "3", paths.pidsArgument()));
            precompile = new Precompile(text, classPath, run);
        }
        return new Program(name(), Map.of(JavaSource.FILE_NAME, text), argv, configBinds, false, null,
                request.environment(), precompile);
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
