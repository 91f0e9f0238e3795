package io.evalwatch.sandbox.language;

import io.evalwatch.sandbox.config.SandboxConfig;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.isolation.Limits;
import io.evalwatch.sandbox.isolation.Program;
import io.evalwatch.sandbox.isolation.SandboxPaths;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Python: HumanEval-style {@code check(candidate)} tests, plain assert lists and unittest/pytest-style test
 * functions all arrive as test code run with the solution's names in scope. The interpreter runs isolated
 * ({@code -I}) and without site-packages ({@code -S}): the standard library only, and a fast start.
 */
@ApplicationScoped
public class PythonLanguage implements Language {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> MISSING_NAME = Set.of("NameError", "ImportError", "ModuleNotFoundError");
    private static final String BUILTIN_TYPES = "(str|bytes|bytearray|list|dict|set|frozenset|tuple|int|float|complex|bool|range)";
    private static final Pattern MISSING_ATTRIBUTE = Pattern.compile(
            "^(module '[^']+'|'" + BUILTIN_TYPES + "' object|type object '" + BUILTIN_TYPES + "') has no attribute");

    /** Python names the first component of a dotted import that is missing: a dotted name's parent was found. */
    private static final Pattern NO_MODULE = Pattern.compile("^No module named '([A-Za-z_][A-Za-z0-9_]*)'$");

    private static final Logger LOG = Logger.getLogger(PythonLanguage.class);

    private final String command;
    private final double startupSeconds;
    private final PythonDistributions distributions;
    private volatile String harnessFile = "harness.py";

    public PythonLanguage(SandboxConfig config) {
        SandboxConfig.LanguageSettings settings = config.languages().get("python");
        this.command = settings != null && settings.command().isPresent() ? settings.command().get() : "/usr/bin/python3";
        this.startupSeconds = settings != null ? settings.startupSeconds().orElse(1.0) : 1.0;
        this.distributions = new PythonDistributions(command);
    }

    /** Compiles the harness with the same interpreter the runs use; runs then load its bytecode directly. */
    @Override
    public void prepareHarness(Path hostHarnessDir) {
        Path source = hostHarnessDir.resolve("python/harness.py");
        Path compiled = hostHarnessDir.resolve("python/harness.pyc");
        try {
            Process process = new ProcessBuilder(command, "-I", "-S", "-c",
                    "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
                    source.toString(), compiled.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() == 0 && Files.isRegularFile(compiled)) {
                Files.setPosixFilePermissions(compiled, PosixFilePermissions.fromString("rw-r--r--"));
                harnessFile = "harness.pyc";
            } else {
                LOG.warnf("could not compile the Python harness ahead (%s); runs compile it each time", output.strip());
            }
        } catch (IOException e) {
            LOG.warnf("could not compile the Python harness ahead: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() {
        return "python";
    }

    @Override
    public List<String> aliases() {
        return List.of("py", "python3");
    }

    @Override
    public boolean validEntryPoint(String entryPoint) {
        return entryPoint != null && IDENTIFIER.matcher(entryPoint).matches();
    }

    @Override
    public Program program(ExecutionRequest request, SandboxPaths paths, Limits limits) {
        byte[] spec = SpecFile.encode(request);
        return new Program(name(), Map.of(SpecFile.NAME, spec),
                List.of(command, "-I", "-S", paths.harness() + "/python/" + harnessFile,
                        paths.input() + "/" + SpecFile.NAME, paths.pidsArgument()),
                List.of(), true, spec, request.environment());
    }

    /** The long-lived interpreter a slot may keep to fork Python runs from (see ForkServer). */
    @Override
    public Optional<List<String>> forkServerCommand(String harnessDir) {
        return Optional.of(List.of(command, "-I", "-S", harnessDir + "/python/forkserver.py"));
    }

    @Override
    public double startupSeconds() {
        return startupSeconds;
    }

    @Override
    public boolean hallucinatedApi(String exceptionType, String message) {
        if (exceptionType == null) {
            return false;
        }
        return MISSING_NAME.contains(exceptionType)
                || ("AttributeError".equals(exceptionType) && message != null && MISSING_ATTRIBUTE.matcher(message).find());
    }

    /** Whether a top-level module is a real package: the host or Debian's index knows it (see PythonDistributions). */
    public boolean distributedPackage(String module) {
        return distributions.exists(module);
    }

    /** ModuleNotFoundError for a top-level package the host or Debian's index knows (see PythonDistributions). */
    @Override
    public boolean missingDependency(String exceptionType, String message) {
        if (!"ModuleNotFoundError".equals(exceptionType) || message == null) {
            return false;
        }
        Matcher missing = NO_MODULE.matcher(message.strip());
        return missing.matches() && distributions.exists(missing.group(1));
    }

    @Override
    public boolean outOfMemory(String exceptionType, String message) {
        return "MemoryError".equals(exceptionType);
    }
}
