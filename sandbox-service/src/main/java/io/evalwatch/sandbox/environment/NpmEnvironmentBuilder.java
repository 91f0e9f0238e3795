package io.evalwatch.sandbox.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.sandbox.config.EnvironmentToolsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node part: the declared npm packages installed by the host's npm into {@code node/node_modules}, which the
 * JavaScript harness resolves {@code require()} from. npm does the resolving (semver ranges, the dependency
 * tree, integrity checks against the registry's hashes); package-lock.json, kept beside node_modules, is where the
 * lock lines come from.
 *
 * <p>{@code --ignore-scripts}: a package's install scripts are code from the registry, and they would run here,
 * on the host, as the service. With scripts off, a package that needs a native build does not work; that is the
 * price. Only registry versions and ranges are accepted (no git, file or URL specs), so everything installed has
 * a registry integrity hash.
 */
@ApplicationScoped
public class NpmEnvironmentBuilder implements EnvironmentPartBuilder {

    public static final String PART = "node";

    /** npm's rule for package names: lower case, URL-safe, optionally scoped. */
    private static final Pattern NAME = Pattern.compile("(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9~][a-z0-9._~-]*");
    /** A version, range or dist-tag; rejects git:, file:, http: and user/repo specs. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9.^~<>=*|+ -]+");
    /** npm 10/11: {@code 'name@1.0.0' could not be found}; older npm: {@code 'name@1.0.0' is not in this registry}. */
    private static final Pattern NOT_FOUND = Pattern.compile("'((?:@[^/\\s']+/)?[^@\\s']+)@[^']*' (?:could not be found|is not in)");
    private static final Pattern NOT_FOUND_URL = Pattern.compile("404 Not Found - GET \\S*/([^/\\s]+)\\s*$", Pattern.MULTILINE);
    private static final Pattern NO_VERSION = Pattern.compile("No matching version found for ((?:@[^/\\s]+/)?[^@\\s]+)@(\\S*?)\\.?$",
            Pattern.MULTILINE);

    /** Scripts off in npm's environment too, over any .npmrc that turns them on. */
    static final Map<String, String> NPM_ENVIRONMENT = Map.of("npm_config_ignore_scripts", "true");

    private final ObjectMapper json = new ObjectMapper();
    private final EnvironmentToolsConfig.Npm npm;

    public NpmEnvironmentBuilder(EnvironmentToolsConfig config) {
        this.npm = config.npm();
    }

    @Override
    public String part() {
        return PART;
    }

    @Override
    public boolean declaredIn(EnvironmentSpec spec) {
        return spec.node() != null && !spec.node().packages().isEmpty();
    }

    @Override
    public List<String> build(EnvironmentSpec spec, Path partDir, Consumer<String> progress)
            throws EnvironmentBuildException {
        EnvironmentSpec.Node node = spec.node();
        writePackageJson(node.packages(), partDir);
        progress.accept("npm: installing " + node.packages());
        BuildCommand.Outcome outcome = BuildCommand.run(installCommand(node), partDir, NPM_ENVIRONMENT,
                npm.timeout(), progress);
        if (outcome.exitCode() != 0) {
            throw failure(outcome);
        }
        return lockLines(partDir.resolve("package-lock.json"));
    }

    /** npm install of the package.json in its working directory; no install scripts, no dev dependencies. */
    List<String> installCommand(EnvironmentSpec.Node node) {
        List<String> command = new ArrayList<>(List.of(npm.command(), "install", "--ignore-scripts", "--no-audit",
                "--no-fund", "--omit=dev", "--no-update-notifier", "--loglevel=http"));
        if (node.registry() != null && !node.registry().isBlank()) {
            command.add("--registry=" + node.registry());
        }
        return command;
    }

    private void writePackageJson(Map<String, String> packages, Path partDir) throws EnvironmentBuildException {
        ObjectNode manifest = json.createObjectNode().put("name", "evalwatch-environment").put("version", "0.0.0")
                .put("private", true);
        ObjectNode dependencies = manifest.putObject("dependencies");
        for (Map.Entry<String, String> entry : packages.entrySet()) {
            String name = entry.getKey();
            String version = entry.getValue() == null ? "*" : entry.getValue().strip();
            if (!NAME.matcher(name).matches()) {
                throw new EnvironmentBuildException("'" + name + "' is not an npm package name", name);
            }
            if (!VERSION.matcher(version).matches()) {
                throw new EnvironmentBuildException("npm package " + name + ": '" + version
                        + "' is not a registry version or range (git, file and URL specs are not accepted)", name);
            }
            dependencies.put(name, version);
        }
        try {
            json.writerWithDefaultPrettyPrinter().writeValue(partDir.resolve("package.json").toFile(), manifest);
        } catch (IOException e) {
            throw new EnvironmentBuildException("cannot write package.json: " + e.getMessage(), null, e);
        }
    }

    /** Names the package npm could not find, or the version that did not resolve, from npm's error output. */
    static EnvironmentBuildException failure(BuildCommand.Outcome outcome) {
        String output = String.join("\n", outcome.lastLines());
        Matcher noVersion = NO_VERSION.matcher(output);
        if (noVersion.find()) {
            return new EnvironmentBuildException("npm package " + noVersion.group(1) + " has no version matching '"
                    + noVersion.group(2) + "'", noVersion.group(1));
        }
        Matcher notFound = NOT_FOUND.matcher(output);
        Matcher notFoundUrl = NOT_FOUND_URL.matcher(output);
        String missing = notFound.find() ? notFound.group(1)
                : notFoundUrl.find() ? URLDecoder.decode(notFoundUrl.group(1), StandardCharsets.UTF_8) : null;
        if (missing != null) {
            return new EnvironmentBuildException("npm package " + missing + " does not exist in the registry", missing);
        }
        return new EnvironmentBuildException("npm install failed (exit " + outcome.exitCode() + "):\n"
                + outcome.tail(15), null);
    }

    /**
     * One line per installed package, {@code name version integrity}, sorted. package-lock.json (lockfileVersion
     * 2 and 3) lists every installed package under {@code packages}, keyed by its path in node_modules.
     */
    static List<String> lockLines(Path packageLock) throws EnvironmentBuildException {
        JsonNode packages;
        try {
            packages = new ObjectMapper().readTree(packageLock.toFile()).path("packages");
        } catch (IOException e) {
            throw new EnvironmentBuildException("npm wrote no readable package-lock.json: " + e.getMessage(), null, e);
        }
        if (!packages.isObject()) {
            throw new EnvironmentBuildException("package-lock.json has no 'packages' (npm 7 or later is needed)", null);
        }
        List<String> lines = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = entry.getKey();
            if (path.isEmpty()) {
                continue; // the root: the generated package.json itself
            }
            String name = path.substring(path.lastIndexOf("node_modules/") + "node_modules/".length());
            JsonNode info = entry.getValue();
            lines.add(name + " " + info.path("version").asText("?") + " " + info.path("integrity").asText("-"));
        }
        lines.sort(null);
        return List.copyOf(lines);
    }
}
