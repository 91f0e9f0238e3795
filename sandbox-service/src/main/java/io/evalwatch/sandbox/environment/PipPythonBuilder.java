package io.evalwatch.sandbox.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.sandbox.config.SandboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Python packages from wheels ({@code source: wheelhouse}, a local folder) or a package index
 * ({@code source: index}, a URL): one {@code pip install --target} into the environment's {@code python/site},
 * with the sandbox's own interpreter (so the wheels match its version), binary wheels only (nothing is built
 * from source), dependencies resolved by pip. The lock is pip's installation report: every installed
 * distribution with its exact version and the hash of the wheel it came from. Only this build reaches the
 * wheelhouse or index; runs never do.
 */
@ApplicationScoped
public class PipPythonBuilder implements EnvironmentPartBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PIP_SECONDS = 900;

    private final String python;

    @Inject
    public PipPythonBuilder(SandboxConfig config) {
        this(pythonCommand(config));
    }

    public PipPythonBuilder(String python) {
        this.python = python;
    }

    /** The interpreter the sandbox runs Python with. */
    static String pythonCommand(SandboxConfig config) {
        SandboxConfig.LanguageSettings settings = config.languages().get("python");
        return settings != null && settings.command().isPresent() ? settings.command().get() : "/usr/bin/python3";
    }

    @Override
    public String part() {
        return "python";
    }

    @Override
    public boolean declaredIn(EnvironmentSpec spec) {
        return spec.python() != null && !spec.python().packages().isEmpty()
                && (EnvironmentSpec.Python.WHEELHOUSE.equals(spec.python().source())
                        || EnvironmentSpec.Python.INDEX.equals(spec.python().source()));
    }

    @Override
    public List<String> build(EnvironmentSpec spec, Path partDir, Consumer<String> progress)
            throws EnvironmentBuildException {
        EnvironmentSpec.Python declared = spec.python();
        List<String> argv = new ArrayList<>(List.of(python, "-m", "pip", "install", "--target",
                partDir.resolve("site").toString(), "--only-binary=:all:", "--no-cache-dir",
                "--disable-pip-version-check", "--no-input", "--no-warn-script-location", "--quiet",
                "--report", partDir.resolve("report.json").toString()));
        if (EnvironmentSpec.Python.WHEELHOUSE.equals(declared.source())) {
            if (declared.wheelhouse() == null || !Files.isDirectory(Path.of(declared.wheelhouse()))) {
                throw new EnvironmentBuildException("source wheelhouse needs wheelhouse: a folder of wheels on the"
                        + " sandbox host (" + declared.wheelhouse() + " is not one)", null);
            }
            argv.addAll(List.of("--no-index", "--find-links", declared.wheelhouse()));
            progress.accept("pip: installing from the wheelhouse " + declared.wheelhouse());
        } else {
            if (declared.indexUrl() == null || declared.indexUrl().isBlank()) {
                throw new EnvironmentBuildException("source index needs index_url: the package index to resolve"
                        + " from", null);
            }
            argv.addAll(List.of("--index-url", declared.indexUrl()));
            progress.accept("pip: resolving from " + declared.indexUrl());
        }
        argv.add("--");
        argv.addAll(declared.packages());
        try {
            HostCommand.Result pip = HostCommand.run(argv, Map.of("PIP_CONFIG_FILE", "/dev/null",
                    "PYTHONNOUSERSITE", "1", "HOME", partDir.toString()), partDir, PIP_SECONDS);
            if (pip.output().contains("No module named pip")) {
                throw new EnvironmentBuildException(python + " has no pip on the sandbox host (apt-get install"
                        + " python3-pip): source " + declared.source() + " installs with it", null);
            }
            if (!pip.ok()) {
                throw new EnvironmentBuildException("pip could not install " + declared.packages() + ": "
                        + tail(pip.output()), failedPackage(pip.output(), declared.packages()));
            }
            List<String> lock = lock(partDir.resolve("report.json"), progress);
            Files.delete(partDir.resolve("report.json"));
            return lock;
        } catch (IOException e) {
            throw new EnvironmentBuildException("cannot run pip: " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentBuildException("interrupted while pip was installing", null, e);
        }
    }

    /** {@code name version sha256:…} per installed distribution, from pip's installation report. */
    private static List<String> lock(Path report, Consumer<String> progress) throws IOException {
        JsonNode root = JSON.readTree(report.toFile());
        List<String> lock = new ArrayList<>();
        for (JsonNode item : root.path("install")) {
            String name = item.path("metadata").path("name").asText().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-');
            String version = item.path("metadata").path("version").asText();
            JsonNode archive = item.path("download_info").path("archive_info");
            String hash = archive.path("hashes").path("sha256").asText(null);
            if (hash == null) {
                String legacy = archive.path("hash").asText("");
                hash = legacy.startsWith("sha256=") ? legacy.substring(7) : legacy.replace('=', ':');
            }
            progress.accept("pip: " + name + " " + version);
            lock.add(name + " " + version + " sha256:" + hash);
        }
        return lock.stream().sorted().toList();
    }

    /** The declared package pip names in its error, if any. */
    private static String failedPackage(String output, List<String> packages) {
        for (String p : packages) {
            String name = p.split("[=<>!~\\[ ;]", 2)[0];
            if (!name.isEmpty() && output.contains(name)) {
                return p;
            }
        }
        return null;
    }

    private static String tail(String output) {
        String text = output.strip();
        return text.length() <= 800 ? text : "..." + text.substring(text.length() - 800);
    }
}
