package io.evalwatch.sandbox.isolation;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jboss.logging.Logger;

/**
 * At most one sandbox per slot launched ahead of its run: the same command a run would launch (setpriv, bubblewrap,
 * seccomp, rlimits, the slot's cgroup), its runtime started and its harness loaded, blocked on stdin until a run
 * is handed to it. Each is used by exactly one run and never again; the next is launched after that run, only if
 * the slot's last run was one that takes a hand-over, and only with that run's command, so a sandbox fits the next
 * run when the command it would launch is the same. The caller holds the slot for every call about it.
 */
final class PrelaunchedSandboxes {

    private static final Logger LOG = Logger.getLogger(PrelaunchedSandboxes.class);

    /**
     * bubblewrap's --die-with-parent is PR_SET_PDEATHSIG, tied to the THREAD that started the process: a waiting
     * sandbox must be started from a thread that lives as long as the service, never from a request's pool thread.
     */
    private final ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-prelaunch");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration maxWait;
    /** Written by the starter thread, read by the run that next holds the slot and by checks from outside. */
    private final AtomicReferenceArray<Waiting> waiting;
    private final AtomicReferenceArray<Wanted> wanted;

    /** One launched sandbox waiting for its run: the command a run would launch to get the same sandbox. */
    record Waiting(List<String> runCommand, Process process, long launchedNanos) {
    }

    /** What to launch ahead in a slot after its current run: that run's own command, and the limits it had. */
    private record Wanted(List<String> runCommand, List<String> waitingCommand, Limits limits) {
    }

    /** @param maxWait how long a sandbox may wait before a run no longer takes it (it is launched afresh instead) */
    PrelaunchedSandboxes(int slots, Duration maxWait) {
        this.maxWait = maxWait;
        this.waiting = new AtomicReferenceArray<>(slots);
        this.wanted = new AtomicReferenceArray<>(slots);
    }

    /**
     * Takes the slot's waiting sandbox for a run that would launch runCommand: present only if it fits (the same
     * command), is still alive and has not waited too long. Any other waiting sandbox is killed here, before the
     * run, so that nothing else ever shares the slot's cgroup and uid with a run.
     */
    Optional<Waiting> take(Slot slot, List<String> runCommand) {
        Waiting candidate = waiting.getAndSet(slot.index(), null);
        if (candidate == null) {
            return Optional.empty();
        }
        boolean fits = runCommand != null && candidate.runCommand().equals(runCommand)
                && candidate.process().isAlive()
                && System.nanoTime() - candidate.launchedNanos() < maxWait.toNanos();
        if (!fits) {
            discard(slot, candidate);
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    /**
     * Records what the slot's current run launches: with a command, the same sandbox is launched ahead for the next
     * run once this one is done; null (a run that takes no hand-over) stops launching ahead in this slot.
     */
    void want(Slot slot, List<String> runCommand, List<String> waitingCommand, Limits limits) {
        wanted.set(slot.index(), runCommand == null ? null : new Wanted(runCommand, waitingCommand, limits));
    }

    boolean wanted(Slot slot) {
        return wanted.get(slot.index()) != null;
    }

    /**
     * Launches the slot's next sandbox ahead, from the long-lived thread, then calls done (whether or not it could
     * be launched; without one the next run launches as it would have).
     */
    void launchAhead(Slot slot, Runnable done) {
        Wanted next = wanted.get(slot.index());
        starter.execute(() -> {
            try {
                if (next != null && waiting.get(slot.index()) == null) {
                    waiting.set(slot.index(), launch(slot, next));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warnf("slot %d: could not launch a sandbox ahead, the next run launches its own: %s",
                        slot.index(), e.getMessage());
            } finally {
                done.run();
            }
        });
    }

    private static Waiting launch(Slot slot, Wanted next) throws IOException {
        if (slot.cgroup() != null) {
            slot.cgroup().prepare(next.limits()); // its limits hold from the sandbox's first instruction
        }
        ProcessBuilder builder = LaunchCommand.processBuilder(next.waitingCommand());
        long launched = System.nanoTime();
        return new Waiting(next.runCommand(), builder.start(), launched);
    }

    /**
     * Hands the run over: one byte on the sandbox's stdin, which is then closed (the run reads end of file there,
     * as from /dev/null). False if the sandbox is already gone.
     */
    static boolean handOver(Waiting sandbox) {
        try (OutputStream stdin = sandbox.process().getOutputStream()) {
            stdin.write('\n');
            stdin.flush();
            return true;
        } catch (IOException gone) {
            return false;
        }
    }

    /** The host pids of the waiting sandboxes (launcher and everything under it), for checks that none is a run's. */
    List<Long> waitingPids() {
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < waiting.length(); i++) {
            Waiting sandbox = waiting.get(i);
            if (sandbox != null && sandbox.process().isAlive()) {
                ProcessHandle launcher = sandbox.process().toHandle();
                pids.add(launcher.pid());
                launcher.descendants().forEach(p -> pids.add(p.pid()));
            }
        }
        return pids;
    }

    /** Kills every waiting sandbox; none is launched after this. */
    void close(List<Slot> slots) {
        starter.shutdownNow();
        try {
            starter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Slot slot : slots) {
            Waiting sandbox = waiting.getAndSet(slot.index(), null);
            if (sandbox != null) {
                discard(slot, sandbox);
            }
        }
    }

    /**
     * Kills a waiting sandbox as a run's is killed: its pid 1 (so the kernel kills the whole namespace), then the
     * launcher, then whatever is left in the slot's cgroup.
     */
    static void discard(Slot slot, Waiting sandbox) {
        ProcessHandle launcher = sandbox.process().toHandle();
        launcher.children().forEach(ProcessHandle::destroyForcibly);
        try {
            if (!sandbox.process().waitFor(1, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
                sandbox.process().waitFor(1, TimeUnit.SECONDS);
            }
            if (slot.cgroup() != null) {
                slot.cgroup().killAll(Duration.ofSeconds(5));
            }
        } catch (IOException e) {
            LOG.errorf("slot %d: could not empty its cgroup of a discarded sandbox: %s", slot.index(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(sandbox.process());
        }
    }

    private static void closeQuietly(Process process) {
        for (java.io.Closeable stream : List.of(process.getOutputStream(), process.getInputStream(),
                process.getErrorStream())) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
