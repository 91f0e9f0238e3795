package io.evalwatch.sandbox.isolation;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A slot's warm Python interpreter: {@code harness/python/forkserver.py}, started once in the slot's own sandbox
 * (the same setpriv + bubblewrap launch as every run, plus capabilities inside its user namespace only), which
 * forks each Python run into fresh mount, pid, net, ipc and uts namespaces with a fresh tmpfs, rlimits, a
 * seccomp filter and no capabilities. A run then costs a fork instead of a launcher chain and an interpreter
 * start. The server is the only writer of the frames read here (see forkserver.py for the protocol), so code
 * cannot forge where its run ends. Anything unexpected breaks the server: it is destroyed and a new one started.
 */
final class ForkServer implements AutoCloseable {

    /** How long a run may take to go after it was told to: past that the server is taken down with it. */
    private static final Duration KILL_PATIENCE = Duration.ofSeconds(2);
    private static final int MAX_HEADER = 64;

    /** The server was gone before the run started (nothing of it was seen): the run may be retried on a new one. */
    static final class GoneBeforeTheRun extends IOException {
        GoneBeforeTheRun(String message) {
            super(message);
        }
    }

    /** How one forked run ended, with what it wrote. */
    record Forked(RecordParser records, OutputCapture output, Integer exitCode, boolean timedOut, boolean killed) {
    }

    private final Process process;
    private final OutputStream requests;
    private final InputStream frames;
    private final SlotCgroup cgroup;
    private final Set<Long> ownPids;
    private final long baselineMemory;
    private final Object writeLock = new Object();
    private final Path log;
    private volatile boolean broken;

    private ForkServer(Process process, SlotCgroup cgroup, Set<Long> ownPids, long baselineMemory, Path log) {
        this.log = log;
        this.process = process;
        this.requests = process.getOutputStream();
        this.frames = new BufferedInputStream(process.getInputStream(), 1 << 16);
        this.cgroup = cgroup;
        this.ownPids = ownPids;
        this.baselineMemory = baselineMemory;
    }

    /**
     * Starts the server and waits for it to report ready.
     *
     * @param log where the server's own stderr goes (its runs' output never does)
     */
    static ForkServer start(List<String> argv, Path log, SlotCgroup cgroup, Duration patience,
            ScheduledExecutorService timer) throws IOException {
        Process process = LaunchCommand.processBuilder(argv).redirectError(log.toFile()).start();
        ScheduledFuture<?> watchdog = timer.schedule(() -> killTree(process), patience.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            InputStream in = process.getInputStream();
            String ready;
            try {
                ready = readLine(in);
            } catch (IOException e) {
                ready = "";
            }
            watchdog.cancel(false);
            if (!ready.startsWith("READY ")) {
                killTree(process);
                throw new IOException("the Python fork server did not start (" + (ready.isEmpty() ? "no answer" : ready)
                        + "): " + tail(log));
            }
            Set<Long> own = cgroup != null ? Set.copyOf(cgroup.members())
                    : Set.copyOf(process.toHandle().descendants().map(ProcessHandle::pid).toList());
            long baseline = cgroup != null ? cgroup.memoryUsage() : 0;
            return new ForkServer(process, cgroup, own, baseline, log);
        } finally {
            watchdog.cancel(false);
        }
    }

    boolean usable() {
        return !broken && process.isAlive();
    }

    /** What the server itself holds in its cgroup: added to each run's memory limit, so the run gets all of its own. */
    long baselineMemory() {
        return baselineMemory;
    }

    /**
     * Runs one harness spec and relays what it writes, enforcing the wall time, the output limit and the
     * harness protocol, as a launched sandbox would.
     *
     * @throws IOException the server broke during the run (it is destroyed; nothing of the run is left)
     */
    Forked run(byte[] spec, Limits limits, boolean limitAddressSpace, String processes, boolean privatePids,
            ScheduledExecutorService timer, Duration lingerGrace) throws IOException {
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean timedOut = new AtomicBoolean();
        Runnable kill = () -> {
            if (finished.get() || !killed.compareAndSet(false, true)) {
                return;
            }
            send("KILL\n".getBytes(StandardCharsets.US_ASCII));
            timer.schedule(() -> {
                if (!finished.get()) {
                    destroy(); // the server did not take its run down in time: it is no longer trusted
                }
            }, KILL_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        };
        RecordParser records = new RecordParser();
        OutputCapture output = new OutputCapture(limits.outputBytes(), limits.outputKillBytes(), kill);
        String header = String.format(Locale.ROOT, "RUN %d %d %d %d %d %s %s %s\n", spec.length,
                limits.tmpfsBytes(), limits.cpuSeconds(), limits.fileSizeBytes(), limits.openFiles(),
                limitAddressSpace ? Long.toString(limits.memoryBytes()) : "-", processes,
                privatePids ? "private" : "shared");
        byte[] request = new byte[header.length() + spec.length];
        System.arraycopy(header.getBytes(StandardCharsets.US_ASCII), 0, request, 0, header.length());
        System.arraycopy(spec, 0, request, header.length(), spec.length);
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            if (!finished.get()) {
                timedOut.set(true);
                kill.run();
            }
        }, Math.max(1, (long) (limits.wallSeconds() * 1000)), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> linger = null;
        boolean started = false;
        try {
            if (!send(request)) {
                throw new EOFException("the Python fork server no longer takes requests");
            }
            byte[] buffer = new byte[1 << 16];
            while (true) {
                String frame = readLine(frames);
                started = true;
                int space = frame.indexOf(' ');
                long size = space == 1 ? parseSize(frame.substring(2)) : -1;
                char kind = frame.isEmpty() ? '?' : frame.charAt(0);
                if (kind == 'X' && size >= 0) {
                    finished.set(true);
                    return new Forked(records, output, killed.get() ? null : (int) size, timedOut.get(), killed.get());
                }
                if ((kind != 'R' && kind != 'O' && kind != 'F') || size < 0) {
                    throw new IOException("the Python fork server broke its protocol: " + frame);
                }
                if (kind == 'F') {
                    byte[] message = frames.readNBytes((int) Math.min(size, 4096));
                    throw new IOException("the Python fork server failed: " + new String(message, StandardCharsets.UTF_8));
                }
                while (size > 0) {
                    int n = frames.read(buffer, 0, (int) Math.min(size, buffer.length));
                    if (n < 0) {
                        throw new EOFException("the Python fork server ended during a run");
                    }
                    size -= n;
                    if (kind == 'O') {
                        output.accept(buffer, 0, n);
                        continue;
                    }
                    RecordParser.State state = records.feed(buffer, 0, n);
                    if (state == RecordParser.State.FLOODED) {
                        kill.run();
                    } else if (state == RecordParser.State.ENDED && linger == null) {
                        // the harness is done: its pid 1 exits at once, and whatever it leaves gets lingerGrace
                        linger = timer.schedule(kill, lingerGrace.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            finished.set(true);
            // how it went, asked before it is taken down (a bubblewrap whose init was killed exits 137 at once)
            String ended = started && !killed.get() && e instanceof EOFException ? howItEnded() : null;
            destroy();
            if (killed.get()) {
                return new Forked(records, output, null, timedOut.get(), true); // it would not go: it went with its server
            }
            if (!started && e instanceof EOFException) {
                throw new GoneBeforeTheRun(e.getMessage());
            }
            if (ended != null) {
                throw new EOFException(e.getMessage() + " (" + ended + ")");
            }
            throw e instanceof IOException io ? io : new IOException(e);
        } finally {
            finished.set(true);
            deadline.cancel(false);
            if (linger != null) {
                linger.cancel(false);
            }
        }
    }

    /** The launcher's exit status and the end of the server's log, for a server that went away unasked. */
    private String howItEnded() {
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (process.isAlive() ? "its launcher still runs" : "its launcher exited " + process.exitValue())
                + "; " + tail(log);
    }

    /** Processes in the server's cgroup after a run that are neither the server nor its launcher: none, ever. */
    int strays() throws IOException {
        if (cgroup == null) {
            return 0;
        }
        return (int) cgroup.members().stream().filter(pid -> !ownPids.contains(pid)).count();
    }

    /** Takes the server and everything in its cgroup down; the next run starts a new one. */
    void destroy() {
        broken = true;
        killTree(process);
        if (cgroup != null) {
            try {
                cgroup.killAll(Duration.ofSeconds(5));
            } catch (IOException e) {
                // reported by the caller's own sweep of the cgroup
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        try {
            requests.close(); // the server ends when its requests do
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        destroy();
    }

    private static void killTree(Process process) {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private boolean send(byte[] bytes) {
        synchronized (writeLock) {
            try {
                requests.write(bytes);
                requests.flush();
                return true;
            } catch (IOException e) {
                broken = true;
                return false;
            }
        }
    }

    private static long parseSize(String digits) {
        try {
            return Long.parseLong(digits.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("the Python fork server ended");
            }
            if (line.length() >= MAX_HEADER) {
                throw new IOException("the Python fork server sent an overlong frame header");
            }
            line.append((char) b);
        }
        return line.toString();
    }

    private static String tail(Path log) {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "";
            text = text.strip();
            return text.isEmpty() ? "its log " + log + " is empty"
                    : text.substring(Math.max(0, text.length() - 600));
        } catch (IOException e) {
            return "its log " + log + " cannot be read";
        }
    }
}
