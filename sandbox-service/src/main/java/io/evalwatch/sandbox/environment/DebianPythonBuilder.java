package io.evalwatch.sandbox.environment;

import io.evalwatch.events.EnvironmentSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python packages from the distribution ({@code source: debian}): each declared package is a Debian package
 * installed on the sandbox host ({@code numpy} means {@code python3-numpy}), taken with its installed python3-*
 * dependencies. Nothing is copied: the environment's {@code python/site} holds symbolic links to the packages'
 * top-level entries in {@code /usr/lib/python3/dist-packages}, which the sandbox sees because it binds /usr
 * read-only. So only the declared packages (and what they depend on) are importable, not everything installed.
 * The lock line of a package is its Debian name, its exact version and the hash of dpkg's checksum list of its
 * files, so a package upgraded on the host gives another lock.
 */
@ApplicationScoped
public class DebianPythonBuilder implements EnvironmentPartBuilder {

    static final Path DIST_PACKAGES = Path.of("/usr/lib/python3/dist-packages");
    private static final Path DPKG_INFO = Path.of("/var/lib/dpkg/info");
    /** {@code numpy}, {@code numpy==1.24.2}, {@code python3-numpy}: a name and at most an exact upstream version. */
    private static final Pattern REQUIREMENT = Pattern.compile("\\s*([A-Za-z0-9][A-Za-z0-9._+-]*)\\s*(?:==\\s*(\\S+))?\\s*");

    @Override
    public String part() {
        return "python";
    }

    @Override
    public boolean declaredIn(EnvironmentSpec spec) {
        return spec.python() != null && !spec.python().packages().isEmpty()
                && EnvironmentSpec.Python.DEBIAN.equals(spec.python().source());
    }

    @Override
    public List<String> build(EnvironmentSpec spec, Path partDir, Consumer<String> progress)
            throws EnvironmentBuildException {
        try {
            Map<String, Installed> packages = new TreeMap<>();
            Deque<String> pending = new ArrayDeque<>();
            for (String requirement : spec.python().packages()) {
                Matcher m = REQUIREMENT.matcher(requirement);
                if (!m.matches()) {
                    throw new EnvironmentBuildException("'" + requirement + "' is not a package name for source"
                            + " debian (a name such as numpy or python3-numpy, at most ==VERSION)", requirement);
                }
                String name = debianName(m.group(1));
                Installed installed = installed(name, requirement);
                if (m.group(2) != null && !upstream(installed.version()).equals(m.group(2))) {
                    throw new EnvironmentBuildException(requirement + " is asked for, but " + name + " "
                            + installed.version() + " is installed on the sandbox host (source debian takes the"
                            + " installed version)", requirement);
                }
                pending.add(name);
            }
            while (!pending.isEmpty()) {
                String name = pending.poll();
                if (packages.containsKey(name)) {
                    continue;
                }
                Installed installed = installed(name, name);
                packages.put(name, installed);
                progress.accept("debian: " + name + " " + installed.version());
                pending.addAll(installed.pythonDependencies());
            }
            Path site = Files.createDirectories(partDir.resolve("site"));
            List<String> lock = new ArrayList<>();
            for (Installed p : packages.values()) {
                for (String entry : p.topLevelEntries()) {
                    Path link = site.resolve(entry);
                    if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, DIST_PACKAGES.resolve(entry));
                    }
                }
                lock.add(p.name() + " " + p.version() + " sha256:" + p.contentHash());
            }
            return lock.stream().sorted().toList();
        } catch (IOException e) {
            throw new EnvironmentBuildException("cannot read the installed Debian packages: " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentBuildException("interrupted while reading the installed Debian packages", null, e);
        }
    }

    /** {@code numpy} → {@code python3-numpy}; a Debian name stays as it is. */
    static String debianName(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace('_', '-');
        return lower.startsWith("python3-") ? lower : "python3-" + lower;
    }

    /** 1:1.24.2-1+deb12u1 → 1.24.2 */
    static String upstream(String debianVersion) {
        String version = debianVersion.substring(debianVersion.indexOf(':') + 1);
        int revision = version.lastIndexOf('-');
        return revision > 0 ? version.substring(0, revision) : version;
    }

    private record Installed(String name, String version, List<String> pythonDependencies,
            List<String> topLevelEntries, String contentHash) {
    }

    private static Installed installed(String name, String requirement)
            throws IOException, InterruptedException, EnvironmentBuildException {
        HostCommand.Result query = HostCommand.run(List.of("dpkg-query", "-W", "-f=${Status}\t${Version}\t${Depends}",
                name));
        String[] fields = query.output().split("\t", -1);
        if (!query.ok() || fields.length < 3 || !fields[0].endsWith(" installed")) {
            boolean known = HostCommand.run(List.of("apt-cache", "show", name)).ok();
            throw new EnvironmentBuildException(name + " is not installed on the sandbox host; source debian takes"
                    + " the distribution's packages as installed there: "
                    + (known ? "apt-get install " + name
                            : "Debian has no package " + name + " either (use source wheelhouse or index for it)"),
                    requirement);
        }
        List<String> dependencies = new ArrayList<>();
        for (String clause : fields[2].split(",")) {
            // one of the alternatives must be there: the first installed python3-* one is the one used
            for (String alternative : clause.split("\\|")) {
                String dependency = alternative.trim().split("[\\s(:]", 2)[0];
                if (dependency.startsWith("python3-") && isInstalled(dependency)) {
                    dependencies.add(dependency);
                    break;
                }
            }
        }
        HostCommand.Result files = HostCommand.run(List.of("dpkg-query", "-L", name));
        TreeSet<String> entries = new TreeSet<>();
        String prefix = DIST_PACKAGES + "/";
        for (String line : files.output().split("\n")) {
            if (line.startsWith(prefix) && line.length() > prefix.length()) {
                entries.add(line.substring(prefix.length()).split("/", 2)[0]);
            }
        }
        return new Installed(name, fields[1], dependencies, List.copyOf(entries), contentHash(name, files.output()));
    }

    private static boolean isInstalled(String name) throws IOException, InterruptedException {
        HostCommand.Result query = HostCommand.run(List.of("dpkg-query", "-W", "-f=${Status}", name));
        return query.ok() && query.output().endsWith(" installed");
    }

    /** SHA-256 of dpkg's md5sums of the package's files, or of its file list where it keeps none. */
    private static String contentHash(String name, String fileList) throws IOException {
        byte[] content = fileList.getBytes(StandardCharsets.UTF_8);
        Path plain = DPKG_INFO.resolve(name + ".md5sums");
        if (Files.isRegularFile(plain)) {
            return sha256(Files.readAllBytes(plain));
        }
        try (var infos = Files.list(DPKG_INFO)) {
            for (Path info : infos.toList()) {
                String file = info.getFileName().toString();
                if (file.equals(name + ".md5sums") || file.startsWith(name + ":") && file.endsWith(".md5sums")) {
                    content = Files.readAllBytes(info);
                    break;
                }
            }
        }
        return sha256(content);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
