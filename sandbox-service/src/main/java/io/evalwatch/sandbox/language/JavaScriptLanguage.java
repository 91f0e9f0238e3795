package io.evalwatch.sandbox.language;

import io.evalwatch.sandbox.config.SandboxConfig;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.isolation.Limits;
import io.evalwatch.sandbox.isolation.Program;
import io.evalwatch.sandbox.isolation.SandboxPaths;
import io.evalwatch.sandbox.environment.EnvironmentLayout;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JavaScript on Node.js: the solution is loaded as a script into the global scope (module.exports and a
 * leading {@code export} are accepted), tests are awaited statements with {@code assert} in scope. V8 reserves
 * large virtual ranges up front, so memory is held by the heap flag and the memory cgroup, not RLIMIT_AS.
 */
@ApplicationScoped
public class JavaScriptLanguage implements Language {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern NOT_DEFINED = Pattern.compile("^\\S+ is not defined$");
    /** The specifier require() could not resolve; the message goes on with the require stack. */
    private static final Pattern CANNOT_FIND = Pattern.compile("^Cannot find module '([^']+)'");
    /** An npm package name (optionally scoped), then an optional path inside the package. */
    private static final Pattern PACKAGE = Pattern.compile("^((?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9~][a-z0-9._~-]*)(/.*)?$");
    private static final Pattern NOT_A_FUNCTION = Pattern.compile("^[A-Za-z_$][\\w$]*\\.[\\w$.]+ is not a function$");

    private final String command;
    private final double startupSeconds;

    public JavaScriptLanguage(SandboxConfig config) {
        SandboxConfig.LanguageSettings settings = config.languages().get("javascript");
        this.command = settings != null && settings.command().isPresent() ? settings.command().get() : "/usr/bin/node";
        this.startupSeconds = settings != null ? settings.startupSeconds().orElse(2.0) : 2.0;
    }

    @Override
    public String name() {
        return "javascript";
    }

    @Override
    public List<String> aliases() {
        return List.of("js", "node", "nodejs");
    }

    @Override
    public boolean validEntryPoint(String entryPoint) {
        return entryPoint != null && IDENTIFIER.matcher(entryPoint).matches();
    }

    @Override
    public Program program(ExecutionRequest request, SandboxPaths paths, Limits limits) {
        List<String> argv = new ArrayList<>(List.of(command, "--max-old-space-size=" + heapMegabytes(limits),
                paths.harness() + "/javascript/harness.js", paths.input() + "/" + SpecFile.NAME, paths.pidsArgument()));
        if (paths.environment() != null) {
            // the code's require() resolves packages from the environment's node_modules (see harness.js)
            argv.add(paths.environment() + "/" + EnvironmentLayout.NODE_MODULES);
        }
        return new Program(name(), Map.of(SpecFile.NAME, SpecFile.encode(request)), argv, List.of(), false, null,
                request.environment());
    }

    /** Three quarters of the memory limit: V8 stops with a clear heap error before the cgroup OOM-kills it. */
    private static long heapMegabytes(Limits limits) {
        return Math.max(16, limits.memoryBytes() * 3 / 4 / (1024 * 1024));
    }

    @Override
    public boolean waitsForHandOver() {
        return true;
    }

    @Override
    public double startupSeconds() {
        return startupSeconds;
    }

    @Override
    public boolean hallucinatedApi(String exceptionType, String message) {
        if (message == null) {
            return false;
        }
        return ("ReferenceError".equals(exceptionType) && NOT_DEFINED.matcher(message).matches())
                || ("TypeError".equals(exceptionType) && NOT_A_FUNCTION.matcher(message).matches())
                || ("Error".equals(exceptionType) && message.startsWith("Cannot find module")
                        && missingModule(exceptionType, message).isEmpty());
    }

    /**
     * A bare package name require() could not find. Relative and absolute paths and {@code node:} built-ins are
     * not packages a registry could provide. Whether the name exists in npm is not looked up (see
     * {@link Language#missingModule}): an invented package name is reported as a missing dependency too.
     */
    @Override
    public Optional<String> missingModule(String exceptionType, String message) {
        Matcher cannotFind = message == null ? null : CANNOT_FIND.matcher(message);
        if (!"Error".equals(exceptionType) || cannotFind == null || !cannotFind.find()) {
            return Optional.empty();
        }
        Matcher name = PACKAGE.matcher(cannotFind.group(1));
        return name.matches() ? Optional.of(name.group(1)) : Optional.empty();
    }

    @Override
    public boolean outOfMemory(String exceptionType, String message) {
        return message != null && "RangeError".equals(exceptionType) && message.contains("Array buffer allocation failed");
    }

    @Override
    public boolean outputSaysOutOfMemory(String output) {
        return output.contains("JavaScript heap out of memory");
    }
}
