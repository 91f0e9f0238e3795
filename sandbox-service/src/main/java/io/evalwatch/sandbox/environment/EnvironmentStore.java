package io.evalwatch.sandbox.environment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.evalwatch.events.EnvironmentRef;
import io.evalwatch.events.EnvironmentSpec;
import io.evalwatch.sandbox.config.SandboxConfig;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Built environments, content-addressed by their lock: {@code <dir>/<lockHash>/} holds the parts
 * ({@link EnvironmentLayout}), {@code lock.txt} and {@code spec.json}, read-only on disk and readable by the
 * slots' uids. {@code <dir>/specs.properties} maps a spec's hash to the lock it resolved to, so asking again for
 * the same spec is instant until a refresh. A spec is built at most once at a time: concurrent callers share the
 * build. Nothing here runs at a run's time but {@link #find}.
 */
@ApplicationScoped
public class EnvironmentStore {

    private static final Logger LOG = Logger.getLogger(EnvironmentStore.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern LOCK_HASH = Pattern.compile("[0-9a-f]{16}");
    private static final String INDEX = "specs.properties";
    private static final int PROGRESS_LINES = 20;

    /** A build that is running or has failed, as the REST API shows it. */
    public record BuildStatus(String specHash, String status, List<String> progress, String message,
            String failedPackage) {
        public static final String BUILDING = "building";
        public static final String FAILED = "failed";
    }

    private final Path dir;
    private final List<EnvironmentPartBuilder> builders;
    private final Map<String, Build> builds = new ConcurrentHashMap<>();
    private final Map<String, BuiltEnvironment> byLock = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "environment-build");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public EnvironmentStore(SandboxConfig config, @All List<EnvironmentPartBuilder> builders) {
        this(config.environments().dir(), builders);
    }

    public EnvironmentStore(Path dir, List<EnvironmentPartBuilder> builders) {
        this.dir = dir.toAbsolutePath().normalize();
        this.builders = List.copyOf(builders);
    }

    public Path dir() {
        return dir;
    }

    /**
     * The environment the spec resolves to, building it if it is not in the store (or refresh asks to resolve
     * again). Blocks until it is ready.
     *
     * @param progress told of each step of a build this call started or joined (may be null)
     * @throws EnvironmentBuildException the spec does not resolve or a part does not build
     */
    public BuiltEnvironment ensure(EnvironmentSpec spec, boolean refresh, Consumer<String> progress)
            throws EnvironmentBuildException, InterruptedException {
        try {
            return start(spec, refresh, progress).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof EnvironmentBuildException build) {
                throw build;
            }
            throw new EnvironmentBuildException("building the environment failed: " + e.getCause(), null,
                    e.getCause());
        }
    }

    /**
     * Starts (or joins) the build of spec and returns at once; the future completes with the environment or with
     * an {@link EnvironmentBuildException}.
     */
    public CompletableFuture<BuiltEnvironment> start(EnvironmentSpec spec, boolean refresh, Consumer<String> progress) {
        String specHash = spec.specHash();
        if (!refresh) {
            Optional<BuiltEnvironment> known = indexed(specHash);
            if (known.isPresent()) {
                return CompletableFuture.completedFuture(known.get());
            }
        }
        Build build = builds.compute(specHash, (hash, running) -> running != null && (running.future == null || !running.future.isDone())
                ? running : new Build(hash));
        synchronized (build) {
            if (progress != null) {
                build.listeners.add(progress);
            }
            if (build.future == null) {
                build.future = CompletableFuture.supplyAsync(() -> {
                    try {
                        return build(spec, build);
                    } catch (EnvironmentBuildException e) {
                        build.failure = e;
                        throw new java.util.concurrent.CompletionException(e);
                    }
                }, executor);
            }
            return build.future;
        }
    }

    /**
     * The environment a task names: found by its lock hash, else built from its spec, which must resolve to that
     * same lock (packages that differ between sandbox hosts must not silently change what a run measures). A
     * reference without a lock hash takes whatever its spec resolves to.
     *
     * @throws EnvironmentBuildException it is not here and cannot be built as the same lock; the message says why
     */
    public BuiltEnvironment resolve(EnvironmentRef ref) throws EnvironmentBuildException, InterruptedException {
        if (ref.lockHash() != null) {
            Optional<BuiltEnvironment> found = find(ref.lockHash());
            if (found.isPresent()) {
                return found.get();
            }
            if (ref.spec() == null) {
                throw new EnvironmentBuildException("environment " + ref.lockHash() + " is not in this sandbox's"
                        + " store (" + dir + ") and no spec came with it to build it from", null);
            }
        }
        if (ref.spec() == null || ref.spec().empty()) {
            throw new EnvironmentBuildException("the environment declares no packages", null);
        }
        BuiltEnvironment built = ensure(ref.spec(), false, null);
        if (ref.lockHash() != null && !ref.lockHash().equals(built.lockHash())) {
            built = ensure(ref.spec(), true, null); // the cached resolution may be older than the run's
        }
        if (ref.lockHash() != null && !ref.lockHash().equals(built.lockHash())) {
            throw new EnvironmentBuildException("the environment resolves here to " + built.lockHash() + ", not to "
                    + ref.lockHash() + " as when the run started: this sandbox host has other package versions"
                    + " (lock here: " + String.join("; ", built.lock()) + ")", null);
        }
        return built;
    }

    /** The build of a spec that is running or failed (the last one), if any. */
    public Optional<BuildStatus> status(String specHash) {
        Build build = builds.get(specHash);
        if (build == null || build.future == null) {
            return Optional.empty();
        }
        synchronized (build) {
            if (!build.future.isDone()) {
                return Optional.of(new BuildStatus(specHash, BuildStatus.BUILDING, List.copyOf(build.lines), null,
                        null));
            }
            if (build.failure != null) {
                return Optional.of(new BuildStatus(specHash, BuildStatus.FAILED, List.copyOf(build.lines),
                        build.failure.getMessage(), build.failure.failedPackage()));
            }
            return Optional.empty();
        }
    }

    /** The environment with this lock hash, if it is in the store. */
    public Optional<BuiltEnvironment> find(String lockHash) {
        if (lockHash == null || !LOCK_HASH.matcher(lockHash).matches()) {
            return Optional.empty();
        }
        BuiltEnvironment cached = byLock.get(lockHash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Path root = dir.resolve(lockHash);
        if (!Files.isRegularFile(root.resolve("lock.txt")) || !Files.isRegularFile(root.resolve("spec.json"))) {
            return Optional.empty();
        }
        try {
            EnvironmentSpec spec = JSON.readValue(root.resolve("spec.json").toFile(), EnvironmentSpec.class);
            List<String> lock = Files.readAllLines(root.resolve("lock.txt"), StandardCharsets.UTF_8);
            Instant builtAt = Files.getLastModifiedTime(root.resolve("lock.txt")).toInstant();
            BuiltEnvironment found = new BuiltEnvironment(lockHash, spec.specHash(), root, lock, builtAt, spec);
            byLock.put(lockHash, found);
            return Optional.of(found);
        } catch (IOException e) {
            LOG.warnf("environment %s is unreadable: %s", lockHash, e.getMessage());
            return Optional.empty();
        }
    }

    /** Every environment in the store. */
    public List<BuiltEnvironment> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> LOCK_HASH.matcher(n).matches()).sorted()
                    .map(this::find).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds every declared part into a fresh folder, then moves it under its lock hash (or reuses that one). */
    private BuiltEnvironment build(EnvironmentSpec spec, Build build) throws EnvironmentBuildException {
        String specHash = spec.specHash();
        if (spec.empty()) {
            throw new EnvironmentBuildException("the environment declares no packages", null);
        }
        List<EnvironmentPartBuilder> declared = builders.stream().filter(b -> b.declaredIn(spec))
                .sorted(Comparator.comparing(EnvironmentPartBuilder::part)).toList();
        for (String part : declaredParts(spec)) {
            if (declared.stream().noneMatch(b -> b.part().equals(part))) {
                throw new EnvironmentBuildException("this sandbox cannot build the environment's " + part + " part"
                        + (part.equals("python") ? " from source " + spec.python().source() : "")
                        + " (it builds: " + builders.stream().map(b -> b.getClass().getSimpleName()).sorted().toList()
                        + ")", null);
            }
        }
        Path staging;
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            staging = Files.createTempDirectory(dir, ".build-" + specHash + "-");
        } catch (IOException e) {
            throw new EnvironmentBuildException("cannot create the environment store at " + dir + ": "
                    + e.getMessage(), null, e);
        }
        try {
            List<String> lock = new ArrayList<>();
            for (EnvironmentPartBuilder part : declared) {
                build.tell(part.part() + ": resolving");
                Path partDir = Files.createDirectories(staging.resolve(part.part()));
                for (String line : part.build(spec, partDir, build::tell)) {
                    lock.add(part.part() + "\t" + line);
                }
            }
            String lockHash = lockHash(lock);
            Files.write(staging.resolve("lock.txt"), lock, StandardCharsets.UTF_8);
            JSON.writeValue(staging.resolve("spec.json").toFile(), spec);
            Path root = dir.resolve(lockHash);
            if (Files.isDirectory(root) && Files.isRegularFile(root.resolve("lock.txt"))) {
                build.tell("already in the store as " + lockHash);
                deleteTree(staging);
            } else {
                makeReadOnly(staging);
                moveIntoPlace(staging, root);
                build.tell("built as " + lockHash);
            }
            remember(specHash, lockHash);
            byLock.remove(lockHash);
            return find(lockHash).orElseThrow(() -> new IOException("the built environment is unreadable"));
        } catch (IOException e) {
            deleteTree(staging);
            throw new EnvironmentBuildException("cannot write the environment: " + e.getMessage(), null, e);
        } catch (EnvironmentBuildException | RuntimeException e) {
            deleteTree(staging);
            build.tell("failed: " + e.getMessage());
            throw e;
        }
    }

    /** The parts a spec declares packages for: each must be built, none silently left out. */
    private static List<String> declaredParts(EnvironmentSpec spec) {
        List<String> parts = new ArrayList<>();
        if (spec.python() != null && !spec.python().packages().isEmpty()) {
            parts.add("python");
        }
        if (spec.node() != null && !spec.node().packages().isEmpty()) {
            parts.add("node");
        }
        if (spec.java() != null && !spec.java().artifacts().isEmpty()) {
            parts.add("java");
        }
        return parts;
    }

    /** First 16 hex digits of SHA-256 over the sorted {@code part<TAB>line} lines. */
    static String lockHash(List<String> lock) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String line : lock.stream().sorted().toList()) {
                digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<BuiltEnvironment> indexed(String specHash) {
        String lockHash = readIndex().getProperty(specHash);
        return lockHash == null ? Optional.empty() : find(lockHash);
    }

    private synchronized Properties readIndex() {
        Properties index = new Properties();
        Path file = dir.resolve(INDEX);
        if (Files.isRegularFile(file)) {
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                index.load(in);
            } catch (IOException e) {
                LOG.warnf("the environment index %s is unreadable (%s); specs are resolved again", file, e.getMessage());
            }
        }
        return index;
    }

    private synchronized void remember(String specHash, String lockHash) throws IOException {
        Properties index = readIndex();
        index.setProperty(specHash, lockHash);
        Path temp = Files.createTempFile(dir, ".specs", ".tmp");
        try (var out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            index.store(out, "spec hash = lock hash it resolved to");
        }
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(temp, dir.resolve(INDEX), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void moveIntoPlace(Path staging, Path root) throws IOException {
        try {
            Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
            // another process built the same lock meanwhile: content-addressed, so theirs is as good as ours
            deleteTree(staging);
            if (!Files.isRegularFile(root.resolve("lock.txt"))) {
                throw e;
            }
        }
    }

    /**
     * Files r--r--r--, folders r-xr-xr-x: the slots' uids can read everything, nobody changes it in place
     * (the sandbox binds it read-only as well). Symbolic links are left as they are.
     */
    static void makeReadOnly(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                boolean folder = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
                boolean executable = folder || Files.isExecutable(path);
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        executable ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
    }

    /** Deletes a tree this store made read-only (folders are made writable again first). */
    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot make %s writable to delete it: %s", root, e.getMessage());
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", root, e.getMessage());
        }
    }

    /** One spec's build: its future, the progress lines so far (the last few) and who listens. */
    private static final class Build {
        final String specHash;
        final LinkedList<String> lines = new LinkedList<>();
        final List<Consumer<String>> listeners = new ArrayList<>();
        CompletableFuture<BuiltEnvironment> future;
        EnvironmentBuildException failure;

        Build(String specHash) {
            this.specHash = specHash;
        }

        void tell(String line) {
            List<Consumer<String>> to;
            synchronized (this) {
                lines.add(line);
                while (lines.size() > PROGRESS_LINES) {
                    lines.removeFirst();
                }
                to = List.copyOf(listeners);
            }
            LOG.infof("environment %s: %s", specHash, line);
            to.forEach(listener -> listener.accept(line));
        }
    }
}
