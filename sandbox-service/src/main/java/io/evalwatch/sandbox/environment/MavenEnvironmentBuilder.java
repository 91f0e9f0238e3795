package io.evalwatch.sandbox.environment;

import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.sandbox.config.EnvironmentToolsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The java part: the declared Maven artifacts with their runtime dependencies, as jars in {@code java/lib}, which
 * javac and java get on their class path.
 *
 * <p>Resolved by the host's {@code mvn}, not by a resolver library inside the service: a throwaway pom declares
 * the artifacts and {@code dependency:list} resolves them (Maven's own dependency mediation, scopes and
 * exclusions, with the operator's settings.xml, mirrors and proxies, checksums enforced), then the listed jars are
 * copied from the local repository. Maven Resolver embedded would pull a dozen libraries and its transport wiring
 * into the service for something run once per environment; mvn is one command the host already has (and
 * {@code dependency:list}, rather than {@code copy-dependencies}, gives each jar with its exact coordinate, which
 * is what the lock needs).
 */
@ApplicationScoped
public class MavenEnvironmentBuilder implements EnvironmentPartBuilder {

    public static final String PART = "java";
    /** Pinned, so a build resolves the same way whatever plugin version the host has cached. */
    static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1";

    private static final Pattern COORDINATE = Pattern.compile("([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+):([A-Za-z0-9_.+-]+)");
    /** mvn's words for an artifact no repository has (the others once the miss is cached locally). */
    private static final Pattern NOT_FOUND = Pattern.compile(
            "(?:Could not find artifact|Failure to find) (\\S+) in |(\\S+) was not found in ");

    private final EnvironmentToolsConfig.Maven maven;

    public MavenEnvironmentBuilder(EnvironmentToolsConfig config) {
        this.maven = config.maven();
    }

    @Override
    public String part() {
        return PART;
    }

    @Override
    public boolean declaredIn(EnvironmentSpec spec) {
        return spec.java() != null && !spec.java().artifacts().isEmpty();
    }

    @Override
    public List<String> build(EnvironmentSpec spec, Path partDir, Consumer<String> progress)
            throws EnvironmentBuildException {
        Path work = partDir.resolve("resolve");
        Path listing = work.resolve("dependencies.txt");
        try {
            Files.createDirectories(work);
            Files.writeString(work.resolve("pom.xml"), pom(spec.java()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EnvironmentBuildException("cannot write the resolving pom: " + e.getMessage(), null, e);
        }
        // -U: a miss cached by an earlier build is looked up again, not reported from the cache
        List<String> command = new ArrayList<>(List.of(maven.command(), "-B", "-U", "-Dstyle.color=never",
                "--strict-checksums"));
        maven.settings().ifPresent(settings -> command.addAll(List.of("-s", settings.toString())));
        maven.localRepository().ifPresent(repo -> command.add("-Dmaven.repo.local=" + repo));
        command.addAll(List.of(DEPENDENCY_PLUGIN + ":list", "-DincludeScope=runtime",
                "-DoutputAbsoluteArtifactFilename=true", "-DoutputFile=" + listing));
        progress.accept("maven: resolving " + spec.java().artifacts());
        BuildCommand.Outcome outcome = BuildCommand.run(command, work, Map.of(), maven.timeout(), progress);
        if (outcome.exitCode() != 0) {
            throw failure(outcome, spec.java().artifacts());
        }
        return copyJars(listing, partDir.resolve("lib"));
    }

    /** A pom that only declares the artifacts (and the repository to look in, when given). */
    static String pom(EnvironmentSpec.Java java) throws EnvironmentBuildException {
        StringBuilder dependencies = new StringBuilder();
        for (String artifact : java.artifacts()) {
            Matcher coordinate = COORDINATE.matcher(artifact == null ? "" : artifact.strip());
            if (!coordinate.matches()) {
                throw new EnvironmentBuildException("'" + artifact + "' is not a Maven coordinate: expected"
                        + " groupId:artifactId:version with an exact version, such as"
                        + " org.apache.commons:commons-lang3:3.14.0", artifact);
            }
            dependencies.append("    <dependency><groupId>").append(coordinate.group(1)).append("</groupId><artifactId>")
                    .append(coordinate.group(2)).append("</artifactId><version>").append(coordinate.group(3))
                    .append("</version></dependency>\n");
        }
        String repositories = "";
        if (java.repository() != null && !java.repository().isBlank()) {
            String url = java.repository().strip();
            if (!url.matches("(https?|file)://[^<>&\"'\\s]+")) {
                throw new EnvironmentBuildException("'" + url + "' is not a repository URL", null);
            }
            repositories = "  <repositories><repository><id>environment</id><url>" + url
                    + "</url></repository></repositories>\n";
        }
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>io.evalwatch.environment</groupId><artifactId>environment</artifactId>"
                + "<version>0</version><packaging>pom</packaging>\n" + repositories
                + "  <dependencies>\n" + dependencies + "  </dependencies>\n</project>\n";
    }

    /** Names the coordinate mvn could not find, as declared (groupId:artifactId:version), from its error output. */
    static EnvironmentBuildException failure(BuildCommand.Outcome outcome, List<String> declared) {
        Matcher notFound = NOT_FOUND.matcher(String.join("\n", outcome.lastLines()));
        if (notFound.find()) {
            String found = notFound.group(1) != null ? notFound.group(1) : notFound.group(2);
            String[] parts = found.split(":"); // groupId:artifactId:type[:classifier]:version
            String coordinate = parts.length >= 4 ? parts[0] + ":" + parts[1] + ":" + parts[parts.length - 1] : found;
            String how = declared.contains(coordinate) ? "" : " (a dependency of the declared artifacts)";
            return new EnvironmentBuildException("Maven artifact " + coordinate + how
                    + " was not found in any repository", coordinate);
        }
        return new EnvironmentBuildException("mvn could not resolve the artifacts (exit " + outcome.exitCode() + "):\n"
                + outcome.tail(15).lines().filter(l -> l.startsWith("[ERROR]")).reduce((a, b) -> a + "\n" + b)
                        .orElse(outcome.tail(15)), null);
    }

    /**
     * Copies each resolved jar into lib and returns the lock, {@code groupId:artifactId:version sha256:<hex>}
     * sorted. The listing's lines read {@code groupId:artifactId:type[:classifier]:version:scope:/path/x.jar}
     * (then, for a modular jar, {@code -- module name}).
     */
    static List<String> copyJars(Path listing, Path lib) throws EnvironmentBuildException {
        List<String> lock = new ArrayList<>();
        try {
            Files.createDirectories(lib);
            for (String line : Files.readAllLines(listing, StandardCharsets.UTF_8)) {
                String entry = line.strip().replaceFirst(" -- module .*$", "");
                String[] parts = entry.split(":", 7);
                if (parts.length < 6 || !"jar".equals(parts[2])) {
                    continue; // the heading, a blank line, or a non-jar dependency (a pom)
                }
                boolean classified = parts.length == 7;
                String version = classified ? parts[4] : parts[3];
                Path jar = Path.of(classified ? parts[6] : parts[5]);
                String coordinate = parts[0] + ":" + parts[1] + ":" + version + (classified ? ":" + parts[3] : "");
                String fileName = parts[0] + "_" + jar.getFileName();
                Files.copy(jar, lib.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
                lock.add(coordinate + " sha256:" + sha256(lib.resolve(fileName)));
            }
        } catch (IOException e) {
            throw new EnvironmentBuildException("cannot copy the resolved jars: " + e.getMessage(), null, e);
        }
        if (lock.isEmpty()) {
            throw new EnvironmentBuildException("mvn resolved no jars", null);
        }
        lock.sort(null);
        return List.copyOf(lock);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }
}
