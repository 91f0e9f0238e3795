package io.evalwatch.sandbox.isolation;

import io.evalwatch.events.TestCase;
import io.evalwatch.sandbox.language.SpecFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * One Python {@link ForkServer} per slot, each in a cgroup of its own: started with the sandbox, proven by a
 * probe before any run uses them, and replaced whenever one breaks. A slot whose server cannot be started runs
 * its Python the launched way, so a broken server costs speed, never a run. Besides its plain server a slot keeps
 * a few per suite environment (the environment bound read-only, its preload imported before forking), started
 * at first need and the least recently used stopped when a new one needs room; they run the same forkserver.py,
 * so each run is isolated exactly as a plain one.
 */
final class ForkServers {

    private static final Logger LOG = Logger.getLogger(ForkServers.class);
    private static final Duration START_PATIENCE = Duration.ofSeconds(30);
    /**
     * The sandbox's own processes in a forked run's cgroup beyond those of a launched run (bubblewrap): the server
     * and the run's supervisor.
     */
    private static final int OWN_PROCESSES = 2;

    /**
     * What a run must find, checked by the probe in the run itself: not root, no capability, no way to gain one,
     * a seccomp filter (where the host has one), alone as pid 1 of its pid namespace, and a /tmp no earlier run
     * wrote to.
     */
    private static final String PROBE = String.join("\n",
            "import os",
            "status = dict(l.split(':', 1) for l in open('/proc/self/status').read().splitlines() if ':' in l)",
            "assert os.getuid() != 0, 'the code would run as uid 0'",
            "for caps in ('CapEff', 'CapPrm', 'CapBnd', 'CapAmb'):",
            "    assert int(status[caps], 16) == 0, 'the code would keep capabilities (%s)' % caps",
            "assert status['NoNewPrivs'].strip() == '1', 'the code could gain privileges'",
            "assert status['Seccomp'].strip() == SECCOMP, 'seccomp mode ' + status['Seccomp'].strip()",
            "assert os.getpid() == 1 and [p for p in os.listdir('/proc') if p.isdigit()] == ['1'], 'not alone in its pid namespace'",
            "assert os.listdir('/tmp') == [], 'an earlier run left ' + repr(os.listdir('/tmp')) + ' in /tmp'",
            "open('/tmp/left-by-probe', 'w').write('x')",
            "");

    /** The thread every server is started from; it never ends before the service does (see below). */
    private static final java.util.concurrent.ExecutorService STARTER = java.util.concurrent.Executors
            .newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "fork-server-start");
                thread.setDaemon(true);
                return thread;
            });

    private final LaunchCommand launch;
    private final Path harnessDir;
    private final List<String> command;
    private final Limits serverLimits;
    private final SlotServers[] slots;
    private final ScheduledExecutorService timer;
    private final Duration lingerGrace;
    private final boolean perUidProcessLimit;
    private final CgroupHierarchy controllers;
    private final String instance;
    private final Path instanceDir;
    private final int environmentsPerSlot;

    private ForkServers(LaunchCommand launch, Path harnessDir, List<String> command, Limits serverLimits,
            SlotServers[] slots, ScheduledExecutorService timer, Duration lingerGrace, boolean perUidProcessLimit,
            CgroupHierarchy controllers, String instance, Path instanceDir, int environmentsPerSlot) {
        this.launch = launch;
        this.harnessDir = harnessDir;
        this.command = command;
        this.serverLimits = serverLimits;
        this.slots = slots;
        this.timer = timer;
        this.lingerGrace = lingerGrace;
        this.perUidProcessLimit = perUidProcessLimit;
        this.controllers = controllers;
        this.instance = instance;
        this.instanceDir = instanceDir;
        this.environmentsPerSlot = environmentsPerSlot;
    }

    /**
     * A slot's servers: the plain one (standard library only), started with the sandbox, and up to
     * environmentsPerSlot for suite environments, each started at the first run that needs it and kept in order
     * of use; the least recently used goes when another is needed. A slot runs one program at a time, so only
     * close() ever competes with its one user.
     */
    private static final class SlotServers {
        Place plain;
        final LinkedHashMap<String, Place> environments = new LinkedHashMap<>(8, 0.75f, true);
        int created;
    }

    /**
     * Where one server lives: its own input folder and cgroup (a run's memory and strays are counted in the
     * server's cgroup, so two servers never share one), the program that starts it, and the server once started.
     */
    private static final class Place {
        final Slot slot;
        final Program program;
        final Path dir;
        ForkServer server;
        String startFailure;

        Place(Slot slot, Program program, Path dir) {
            this.slot = slot;
            this.program = program;
            this.dir = dir;
        }
    }

    /**
     * Starts a server for every slot and proves the first with the probe, twice (the second run also proves that
     * nothing of the first is left).
     *
     * @param controllers where the servers' cgroups go (none: no cgroups)
     * @param perUidProcessLimit whether RLIMIT_NPROC means something here (each slot has a uid of its own)
     * @param seccomp whether the launch loads a seccomp filter, which the runs must then be under
     * @param environmentsPerSlot how many environment servers a slot may keep besides its plain one
     * @throws IOException a server would not start or the probe failed: no run may use them
     */
    static ForkServers start(List<Slot> slots, CgroupHierarchy controllers, String instance, Path instanceDir,
            LaunchCommand launch, Path harnessDir, List<String> command, Limits ceiling, Limits runLimits,
            ScheduledExecutorService timer, Duration lingerGrace, boolean perUidProcessLimit, boolean seccomp,
            int environmentsPerSlot) throws IOException {
        SlotServers[] perSlot = new SlotServers[slots.size()];
        ForkServers servers = new ForkServers(launch, harnessDir, command, ceiling, perSlot, timer, lingerGrace,
                perUidProcessLimit, controllers, instance, instanceDir, Math.max(0, environmentsPerSlot));
        try {
            for (Slot slot : slots) {
                perSlot[slot.index()] = new SlotServers();
                Path dir = instanceDir.resolve("fork-server-" + slot.index());
                perSlot[slot.index()].plain = servers.place(slot, dir, servers.cgroups()
                        ? SlotCgroup.createForkServer(controllers, instance, slot.index()) : null, null);
                servers.server(perSlot[slot.index()].plain);
            }
            Slot first = slots.get(0);
            for (int attempt = 0; attempt < 2; attempt++) {
                servers.probe(first, runLimits, seccomp);
            }
        } catch (IOException e) {
            servers.close();
            throw e;
        }
        return servers;
    }

    private boolean cgroups() {
        return controllers.available();
    }

    private Place place(Slot slot, Path dir, SlotCgroup cgroup, EnvironmentMount environment) throws IOException {
        Path emptyInput = Files.createDirectories(dir.resolve("in"));
        List<String> argv = environment == null || environment.preload().isEmpty() ? command
                : java.util.stream.Stream.concat(command.stream(),
                        java.util.stream.Stream.of("--preload", String.join(",", environment.preload()))).toList();
        return new Place(new Slot(slot.index(), slot.uid(), emptyInput, slot.scratchDir(), cgroup),
                new Program("python", Map.of(), argv, List.of(), false, null, environment), dir);
    }

    /**
     * Runs a program that carries a fork spec through the slot's server for the program's environment.
     *
     * @return what was observed, or null if the slot has no working server for it (the caller launches instead)
     */
    RawRun run(Slot slot, Program program, Limits limits, String isolation) throws IOException {
        Place place;
        try {
            place = placeFor(slot, program.environment());
        } catch (IOException e) {
            LOG.warnf("slot %d: no fork server for environment %s (%s); this run launches its own sandbox",
                    slot.index(), program.environment().lockHash(), e.getMessage());
            return null;
        }
        if (place == null) {
            return null;
        }
        try {
            return runOnce(place, program, limits, isolation);
        } catch (ForkServer.GoneBeforeTheRun e) {
            LOG.warnf("slot %d: %s; a new server takes the run", slot.index(), e.getMessage());
            place.server = null;
            return runOnce(place, program, limits, isolation);
        }
    }

    /** The slot's server for the environment (its plain one for none), making room for a new one if needed. */
    private Place placeFor(Slot slot, EnvironmentMount environment) throws IOException {
        SlotServers servers = slots[slot.index()];
        synchronized (servers) {
            if (environment == null) {
                return servers.plain;
            }
            if (environmentsPerSlot == 0) {
                return null;
            }
            Place place = servers.environments.get(environment.serverKey());
            if (place != null) {
                return place.startFailure == null ? place : null;
            }
            while (servers.environments.size() >= environmentsPerSlot) {
                var eldest = servers.environments.entrySet().iterator().next();
                servers.environments.remove(eldest.getKey());
                LOG.infof("slot %d: the fork server for environment %s makes room for %s", slot.index(),
                        eldest.getKey(), environment.serverKey());
                retire(eldest.getValue());
            }
            String name = "env-" + servers.created++;
            place = place(slot, instanceDir.resolve("fork-server-" + slot.index() + "-" + name),
                    cgroups() ? SlotCgroup.createForkServer(controllers, instance, slot.index(), name) : null,
                    environment);
            servers.environments.put(environment.serverKey(), place);
            return place;
        }
    }

    private RawRun runOnce(Place place, Program program, Limits limits, String isolation) throws IOException {
        int index = place.slot.index();
        ForkServer server;
        try {
            server = server(place);
        } catch (IOException e) {
            if (place.program.environment() != null) {
                // an environment whose server does not start (a preload that fails to import) is not retried
                place.startFailure = e.getMessage();
            }
            LOG.warnf("slot %d: %s; this run launches its own sandbox", index, e.getMessage());
            return null;
        }
        SlotCgroup cgroup = place.slot.cgroup();
        if (cgroup != null) {
            cgroup.prepare(limits.plusOverhead(server.baselineMemory(), OWN_PROCESSES));
        }
        String processes = LaunchCommand.processRlimit(perUidProcessLimit, cgroup, limits.processes(), OWN_PROCESSES);
        long started = System.nanoTime();
        ForkServer.Forked forked;
        try {
            forked = server.run(program.forkSpec(), limits, program.limitAddressSpace(), processes, true, timer,
                    lingerGrace);
        } catch (ForkServer.GoneBeforeTheRun e) {
            throw e;
        } catch (IOException e) {
            LOG.errorf("slot %d: %s; the server is replaced", index, e.getMessage());
            place.server = null;
            return new RawRun(List.of(), 0, "evalwatch-sandbox: " + e.getMessage() + "\n", 0, false, false, false,
                    null, 0, evidence(cgroup), (System.nanoTime() - started) / 1e9, isolation);
        }
        int strays = server.strays();
        if (strays > 0 || !server.usable()) {
            // cannot happen while the kernel keeps pid namespaces: a server that saw it is not trusted again
            LOG.errorf("slot %d: %d processes outlived their run's pid namespace; the server is replaced", index, strays);
            server.destroy();
            place.server = null;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new RawRun(forked.records().records(), forked.records().malformed(), forked.output().kept(),
                forked.output().total(), forked.output().truncated(), forked.output().exceeded(), forked.timedOut(),
                forked.exitCode(), strays, evidence(cgroup), seconds, isolation);
    }

    void close() {
        for (SlotServers servers : slots) {
            if (servers == null) {
                continue;
            }
            synchronized (servers) {
                if (servers.plain != null) {
                    stop(servers.plain);
                }
                servers.environments.values().forEach(this::retire);
                servers.environments.clear();
            }
        }
    }

    private static void stop(Place place) {
        if (place.server != null) {
            place.server.close();
            place.server = null;
        }
        if (place.slot.cgroup() != null) {
            place.slot.cgroup().remove();
        }
    }

    /** Stops an environment's server for good: its cgroup and folder go with it. */
    private void retire(Place place) {
        stop(place);
        try (var paths = Files.walk(place.dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.debugf("cannot remove %s: %s", place.dir, e.getMessage());
        }
    }

    private ForkServer server(Place place) throws IOException {
        ForkServer server = place.server;
        if (server != null && server.usable()) {
            return server;
        }
        if (server != null) {
            server.destroy();
        }
        Slot slot = place.slot;
        if (slot.cgroup() != null) {
            try {
                slot.cgroup().killAll(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while emptying the fork server's cgroup");
            }
            slot.cgroup().prepare(serverLimits);
        }
        List<String> argv = launch.forkServer(slot, harnessDir, place.program, serverLimits);
        server = startFromLongLivedThread(argv, place.dir.resolve("server.log"), slot.cgroup());
        place.server = server;
        return server;
    }

    /**
     * Starts a server from the one thread that lives as long as the service. bubblewrap's --die-with-parent is
     * PR_SET_PDEATHSIG, which fires when the parent THREAD ends: a server started from a pool's worker (a REST
     * request's, reaped when idle) would be SIGKILLed with that thread, in the middle of some later run.
     */
    private ForkServer startFromLongLivedThread(List<String> argv, Path log, SlotCgroup cgroup) throws IOException {
        try {
            return STARTER.submit(() -> ForkServer.start(argv, log, cgroup, START_PATIENCE, timer)).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a fork server");
        }
    }

    private void probe(Slot slot, Limits limits, boolean seccomp) throws IOException {
        String expectations = "SECCOMP = '" + (seccomp ? 2 : 0) + "'\n" + PROBE;
        byte[] spec = SpecFile.encode("probe", null, "def probe():\n    pass\n",
                List.of(new TestCase("isolation", expectations, false)));
        RawRun run = run(slot, new Program("python", Map.of(), List.of(), List.of(), true, spec), limits, "probe");
        if (run == null) {
            throw new IOException("the Python fork server of slot " + slot.index() + " did not start");
        }
        HarnessRecord result = run.records().stream().filter(r -> "result".equals(r.e())).findFirst().orElse(null);
        if (result == null || !"passed".equals(result.status())) {
            String why = result != null ? result.type() + ": " + result.message()
                    : "no result (exit " + run.exitCode() + "): " + run.output().strip();
            throw new IOException("a run forked by the Python fork server is not isolated as it must be: " + why);
        }
    }

    private static ResourceEvidence evidence(SlotCgroup cgroup) {
        return cgroup == null ? ResourceEvidence.unmeasured() : cgroup.evidence();
    }
}
