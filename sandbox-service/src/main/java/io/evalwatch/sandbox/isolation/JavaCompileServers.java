package io.evalwatch.sandbox.isolation;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The Java compile servers: warm javacs ({@code harness/java/CompileServer.java}) that compile each Java run's
 * source into a directory of its own, so the run only starts a JVM on class files. A server is sandboxed like a
 * run (setpriv to a uid of its own, bubblewrap with no network and a read-only file system but for its output
 * directory, the seccomp filter, its own cgroup and heap) and never runs what it compiles; each run still executes
 * in a fresh sandbox of its own, its classes bound read-only and handed over owned by root.
 *
 * <p>One server per suite environment (its jars bound where a run sees them), the few most recently used kept;
 * each compiles a few sources at once. A compile past its deadline takes its server down (and is reported as a
 * timeout); a server that died is replaced at the next compile; each is retired after a number of compiles. Where
 * no server can be had, the caller runs the source the launched way.
 */
public final class JavaCompileServers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JavaCompileServers.class);
    private static final Duration START_PATIENCE = Duration.ofSeconds(60);
    /** After a server failed to start, runs launch the source way this long before another is tried. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(60);
    private static final String OUT_DIR = "/sandbox/out";
    private static final int MAX_HEADER = 256;

    /** How a compile ended. */
    public enum Status { COMPILED, FAILED, TIMED_OUT, UNAVAILABLE }

    /**
     * @param output javac's output: its diagnostics and, for FAILED, the source launcher's last line
     * @param classes the host directory of the compiled classes (COMPILED only), removed by {@link #release}
     */
    public record Compiled(Status status, String output, Path classes, double seconds) {
    }

    private final LaunchCommand launch;
    private final Path harnessDir;
    private final Path baseDir;
    private final int uid;
    private final boolean dropUid;
    private final CgroupHierarchy controllers;
    private final String instance;
    private final Limits serverLimits;
    private final int threads;
    private final int keep;
    private final int recycleAfter;
    private final Supplier<java.util.Optional<Program>> serverProgram;
    private final AtomicLong ids = new AtomicLong();
    /** Servers by environment key ("" for none), least recently used first. */
    private final LinkedHashMap<String, Server> servers = new LinkedHashMap<>(8, 0.75f, true);
    private long lastStartFailure;
    private int started;
    /** Every server is started from this thread: --die-with-parent fires when the starting thread ends. */
    private final ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "java-compile-server-start");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param uid the servers' own unprivileged uid (no slot's: a server's threads must not count against a run's
     *     process limit)
     * @param serverProgram the server's program (command, binds) once the language can provide it
     * @param keep servers kept at once (one per environment in use)
     * @param recycleAfter compiles after which a server is replaced, bounding whatever state it accumulates
     */
    public JavaCompileServers(LaunchCommand launch, Path harnessDir, Path baseDir, int uid, boolean dropUid,
            CgroupHierarchy controllers, String instance, Limits serverLimits, int threads, int keep,
            int recycleAfter, Supplier<java.util.Optional<Program>> serverProgram) {
        this.launch = launch;
        this.harnessDir = harnessDir;
        this.baseDir = baseDir;
        this.uid = uid;
        this.dropUid = dropUid;
        this.controllers = controllers;
        this.instance = instance;
        this.serverLimits = serverLimits;
        this.threads = threads;
        this.keep = Math.max(1, keep);
        this.recycleAfter = recycleAfter;
        this.serverProgram = serverProgram;
    }

    /** Starts the server for runs without an environment ahead of the first compile; false if it cannot start. */
    public boolean warmUp() {
        try {
            return serverFor(null) != null;
        } catch (IOException e) {
            LOG.warnf("no Java compile server, Java runs compile in their own JVM: %s", e.getMessage());
            return false;
        }
    }

    /**
     * Compiles a program's source within the given seconds (the server's own start is not counted: it is the
     * sandbox's cost, not the code's).
     */
    public Compiled compile(Precompile precompile, EnvironmentMount environment, double seconds) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Server server;
            try {
                server = serverFor(environment);
            } catch (IOException e) {
                LOG.warnf("no Java compile server, this run compiles in its own JVM: %s", e.getMessage());
                return unavailable();
            }
            if (server == null) {
                return unavailable();
            }
            String id = "c" + ids.incrementAndGet();
            long started = System.nanoTime();
            CompletableFuture<String[]> reply = server.submit(id, precompile);
            try {
                String[] answer = reply.get(Math.max(1, (long) (seconds * 1000)), TimeUnit.MILLISECONDS);
                double took = (System.nanoTime() - started) / 1e9;
                Path classes = server.outDir.resolve(id);
                return switch (answer[0]) {
                    case "ok" -> new Compiled(Status.COMPILED, answer[1], handOver(classes), took);
                    case "error" -> {
                        delete(classes);
                        yield new Compiled(Status.FAILED, answer[1], null, took);
                    }
                    default -> {
                        // javac itself broke (not the code's fault): the run compiles the launched way
                        LOG.warnf("the Java compile server could not compile (%s); this run compiles in its own JVM",
                                answer[1]);
                        delete(classes);
                        yield unavailable();
                    }
                };
            } catch (TimeoutException e) {
                LOG.warnf("a compile took more than %.1f s: its Java compile server is replaced", seconds);
                retire(server, true);
                delete(server.outDir.resolve(id));
                return new Compiled(Status.TIMED_OUT, "", null, (System.nanoTime() - started) / 1e9);
            } catch (ExecutionException | IOException e) {
                // the server died under the compile (killed, or with another compile's timeout): once more on a new one
                LOG.warnf("the Java compile server ended during a compile (%s); a new one takes it", e.getMessage());
                retire(server, true);
                delete(server.outDir.resolve(id));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                delete(server.outDir.resolve(id));
                return unavailable();
            }
        }
        return unavailable();
    }

    /** Removes a compile's classes once its run is over. */
    public void release(Compiled compiled) {
        if (compiled != null && compiled.classes() != null) {
            delete(compiled.classes());
        }
    }

    /** The server a compile for environment goes to, started if need be; null while none can be started. */
    private Server serverFor(EnvironmentMount environment) throws IOException {
        String key = environment == null ? "" : environment.serverKey();
        Server retiring = null;
        Server server;
        synchronized (servers) {
            server = servers.get(key);
            if (server != null && !server.alive()) {
                servers.remove(key);
                retiring = server;
                server = null;
            }
            if (server == null) {
                if (System.nanoTime() - lastStartFailure < RETRY_AFTER.toNanos() && lastStartFailure != 0) {
                    return null;
                }
                java.util.Optional<Program> program = serverProgram.get();
                if (program.isEmpty()) {
                    return null;
                }
                while (servers.size() >= keep) {
                    Iterator<Map.Entry<String, Server>> eldest = servers.entrySet().iterator();
                    Server old = eldest.next().getValue();
                    eldest.remove();
                    old.closeInput();
                }
                try {
                    server = start(program.get(), environment);
                } catch (IOException e) {
                    lastStartFailure = System.nanoTime();
                    throw e;
                }
                servers.put(key, server);
            }
            if (++server.compiles >= recycleAfter) {
                // this compile is its last: it finishes what it has, then exits at the end of its input
                servers.remove(key);
                server.retireAfterSubmit = true;
            }
        }
        if (retiring != null) {
            retiring.destroy();
        }
        return server;
    }

    private void retire(Server server, boolean kill) {
        synchronized (servers) {
            servers.values().remove(server);
        }
        if (kill) {
            server.destroy();
        } else {
            server.closeInput();
        }
    }

    /**
     * Starts a server in a folder of its own (its output holds the classes of runs still under way when it ends, so
     * the folder stays until the service stops and the instance directory goes).
     */
    private Server start(Program program, EnvironmentMount environment) throws IOException {
        String name = Integer.toString(started++);
        Path dir = baseDir.resolve("server-" + name);
        delete(dir);
        Path in = directory(dir.resolve("in"), "rwxr-xr-x");
        Path scratch = directory(dir.resolve("scratch"), "rwxr-xr-x");
        Path out = directory(dir.resolve("out"), "rwxr-xr-x");
        if (dropUid) {
            Files.setAttribute(out, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(out, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
        }
        SlotCgroup cgroup = controllers.available()
                ? SlotCgroup.createCompileServer(controllers, instance, name) : null;
        if (cgroup != null) {
            cgroup.prepare(serverLimits);
        }
        List<Bind> binds = new ArrayList<>(program.binds());
        binds.add(new Bind(out, OUT_DIR, true));
        Program withOut = new Program(program.language(), Map.of(), program.command(), binds, false, null, environment);
        // the slot record carries what the launch needs: the server's uid, folders and cgroup
        Slot place = new Slot(-1, uid, in, scratch, cgroup);
        List<String> argv = launch.compileServer(place, harnessDir, withOut, serverLimits);
        try {
            Server server = starter.submit(() -> Server.start(argv, dir, out, cgroup)).get();
            LOG.infof("Java compile server %s started%s", name,
                    environment == null ? "" : " for environment " + environment.lockHash());
            return server;
        } catch (ExecutionException e) {
            if (cgroup != null) {
                cgroup.remove();
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a Java compile server");
        }
    }

    /**
     * Makes a compile's classes root's and read-only before a run binds them, so the server cannot change them any
     * more (where the service is root; otherwise everything runs as the service's uid anyway).
     */
    private Path handOver(Path classes) throws IOException {
        try (Stream<Path> paths = Files.walk(classes)) {
            for (Path path : paths.toList()) {
                if (dropUid) {
                    Files.setAttribute(path, "unix:uid", 0, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(path, "unix:gid", 0, LinkOption.NOFOLLOW_LINKS);
                }
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
        return classes;
    }

    @Override
    public void close() {
        List<Server> all;
        synchronized (servers) {
            all = new ArrayList<>(servers.values());
            servers.clear();
        }
        all.forEach(Server::destroy);
        starter.shutdownNow();
    }

    private static Compiled unavailable() {
        return new Compiled(Status.UNAVAILABLE, "", null, 0);
    }

    private static Path directory(Path dir, String permissions) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(permissions));
        return dir;
    }

    static void delete(Path root) {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.debugf("cannot remove %s: %s", root, e.getMessage());
        }
    }

    /** One server process: requests go to its stdin, a reader thread completes them from its stdout. */
    private static final class Server {
        private final Process process;
        private final Path dir;
        private final Path outDir;
        private final SlotCgroup cgroup;
        private final OutputStream requests;
        private final Map<String, CompletableFuture<String[]>> pending = new ConcurrentHashMap<>();
        private volatile boolean ended;
        int compiles;
        boolean retireAfterSubmit;

        private Server(Process process, Path dir, Path outDir, SlotCgroup cgroup) {
            this.process = process;
            this.dir = dir;
            this.outDir = outDir;
            this.cgroup = cgroup;
            this.requests = process.getOutputStream();
        }

        static Server start(List<String> argv, Path dir, Path outDir, SlotCgroup cgroup) throws IOException {
            Path log = dir.resolve("server.log");
            Process process = LaunchCommand.processBuilder(argv).redirectError(log.toFile()).start();
            InputStream replies = new BufferedInputStream(process.getInputStream(), 1 << 16);
            Server server = new Server(process, dir, outDir, cgroup);
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    return readLine(replies);
                } catch (IOException e) {
                    return "";
                }
            });
            String line;
            try {
                line = ready.get(START_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                line = "";
            }
            if (!line.startsWith("- READY ")) {
                server.destroy();
                String text = Files.exists(log) ? Files.readString(log).strip() : "";
                throw new IOException("the Java compile server did not start (" + (line.isEmpty() ? "no answer" : line)
                        + "): " + text.substring(Math.max(0, text.length() - 600)));
            }
            Thread reader = new Thread(() -> server.readReplies(replies), "java-compile-server-replies");
            reader.setDaemon(true);
            reader.start();
            return server;
        }

        CompletableFuture<String[]> submit(String id, Precompile precompile) {
            CompletableFuture<String[]> reply = new CompletableFuture<>();
            pending.put(id, reply);
            byte[] header = (id + " " + String.join(":", precompile.classPath()) + " " + precompile.source().length
                    + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (requests) {
                try {
                    requests.write(header);
                    requests.write(precompile.source());
                    requests.flush();
                    if (retireAfterSubmit) {
                        requests.close();
                    }
                } catch (IOException e) {
                    pending.remove(id);
                    reply.completeExceptionally(e);
                }
            }
            if (ended) {
                // the reader may have finished before the request was registered
                failPending();
            }
            return reply;
        }

        private void readReplies(InputStream replies) {
            try {
                while (true) {
                    String[] header = readLine(replies).split(" ");
                    byte[] text = replies.readNBytes(Integer.parseInt(header[2]));
                    CompletableFuture<String[]> reply = pending.remove(header[0]);
                    if (reply != null) {
                        reply.complete(new String[] {header[1], new String(text, StandardCharsets.UTF_8)});
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the end of the server, or a reply it could not have meant: nothing more is read from it
            }
            ended = true;
            failPending();
            destroy();
        }

        private void failPending() {
            for (String id : List.copyOf(pending.keySet())) {
                CompletableFuture<String[]> reply = pending.remove(id);
                if (reply != null) {
                    reply.completeExceptionally(new EOFException("the Java compile server ended"));
                }
            }
        }

        boolean alive() {
            return !ended && process.isAlive();
        }

        /** No more requests: the server finishes the compiles it has, then exits. */
        void closeInput() {
            synchronized (requests) {
                try {
                    requests.close();
                } catch (IOException e) {
                    destroy();
                }
            }
        }

        void destroy() {
            ended = true;
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            if (cgroup != null) {
                try {
                    cgroup.killAll(Duration.ofSeconds(5));
                } catch (IOException e) {
                    LOG.debugf("compile server cgroup: %s", e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cgroup.remove();
            }
            failPending();
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new EOFException("the Java compile server ended");
                }
                if (line.size() >= MAX_HEADER) {
                    throw new IOException("the Java compile server sent an overlong reply header");
                }
                line.write(b);
            }
            return line.toString(StandardCharsets.UTF_8);
        }
    }
}
