package io.evalwatch.sandbox.isolation;

import io.evalwatch.events.TestCase;
import io.evalwatch.sandbox.language.SpecFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * One Python {@link ForkServer} per slot, each in a cgroup of its own: started with the sandbox, proven by a
 * probe before any run uses them, and replaced whenever one breaks. A slot whose server cannot be started runs
 * its Python the launched way, so a broken server costs speed, never a run.
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

    private final LaunchCommand launch;
    private final Path harnessDir;
    private final Program serverProgram;
    private final Limits serverLimits;
    private final Slot[] serverSlots;
    private final ForkServer[] servers;
    private final ScheduledExecutorService timer;
    private final Duration lingerGrace;
    private final boolean perUidProcessLimit;

    private ForkServers(LaunchCommand launch, Path harnessDir, Program serverProgram, Limits serverLimits,
            Slot[] serverSlots, ScheduledExecutorService timer, Duration lingerGrace, boolean perUidProcessLimit) {
        this.launch = launch;
        this.harnessDir = harnessDir;
        this.serverProgram = serverProgram;
        this.serverLimits = serverLimits;
        this.serverSlots = serverSlots;
        this.servers = new ForkServer[serverSlots.length];
        this.timer = timer;
        this.lingerGrace = lingerGrace;
        this.perUidProcessLimit = perUidProcessLimit;
    }

    /**
     * Starts a server for every slot and proves the first with the probe, twice (the second run also proves that
     * nothing of the first is left).
     *
     * @param controllers where the servers' cgroups go (none: no cgroups)
     * @param perUidProcessLimit whether RLIMIT_NPROC means something here (each slot has a uid of its own)
     * @param seccomp whether the launch loads a seccomp filter, which the runs must then be under
     * @throws IOException a server would not start or the probe failed: no run may use them
     */
    static ForkServers start(List<Slot> slots, CgroupControllers controllers, String instance, Path instanceDir,
            LaunchCommand launch, Path harnessDir, List<String> command, Limits ceiling, Limits runLimits,
            ScheduledExecutorService timer, Duration lingerGrace, boolean perUidProcessLimit, boolean seccomp)
            throws IOException {
        Slot[] serverSlots = new Slot[slots.size()];
        boolean cgroups = controllers.memory().isPresent() || controllers.pids().isPresent();
        for (Slot slot : slots) {
            Path dir = instanceDir.resolve("fork-server-" + slot.index());
            Path emptyInput = Files.createDirectories(dir.resolve("in"));
            serverSlots[slot.index()] = new Slot(slot.index(), slot.uid(), emptyInput, slot.scratchDir(),
                    cgroups ? SlotCgroup.createForkServer(controllers, instance, slot.index()) : null);
        }
        Program program = new Program("python", Map.of(), command, List.of(), false);
        ForkServers servers = new ForkServers(launch, harnessDir, program, ceiling, serverSlots, timer, lingerGrace,
                perUidProcessLimit);
        try {
            for (Slot slot : serverSlots) {
                servers.server(slot.index());
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

    /**
     * Runs a program that carries a fork spec through the slot's server.
     *
     * @return what was observed, or null if the slot has no working server (the caller launches instead)
     */
    RawRun run(Slot slot, Program program, Limits limits, String isolation) throws IOException {
        try {
            return runOnce(slot, program, limits, isolation);
        } catch (ForkServer.GoneBeforeTheRun e) {
            LOG.warnf("slot %d: %s; a new server takes the run", slot.index(), e.getMessage());
            servers[slot.index()] = null;
            return runOnce(slot, program, limits, isolation);
        }
    }

    private RawRun runOnce(Slot slot, Program program, Limits limits, String isolation) throws IOException {
        int index = slot.index();
        ForkServer server;
        try {
            server = server(index);
        } catch (IOException e) {
            LOG.warnf("slot %d: %s; this run launches its own sandbox", index, e.getMessage());
            return null;
        }
        SlotCgroup cgroup = serverSlots[index].cgroup();
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
            servers[index] = null;
            return new RawRun(List.of(), 0, "evalwatch-sandbox: " + e.getMessage() + "\n", 0, false, false, false,
                    null, 0, evidence(cgroup), (System.nanoTime() - started) / 1e9, isolation);
        }
        int strays = server.strays();
        if (strays > 0 || !server.usable()) {
            // cannot happen while the kernel keeps pid namespaces: a server that saw it is not trusted again
            LOG.errorf("slot %d: %d processes outlived their run's pid namespace; the server is replaced", index, strays);
            server.destroy();
            servers[index] = null;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new RawRun(forked.records().records(), forked.records().malformed(), forked.output().kept(),
                forked.output().total(), forked.output().truncated(), forked.output().exceeded(), forked.timedOut(),
                forked.exitCode(), strays, evidence(cgroup), seconds, isolation);
    }

    void close() {
        for (int i = 0; i < servers.length; i++) {
            if (servers[i] != null) {
                servers[i].close();
                servers[i] = null;
            }
        }
        for (Slot slot : serverSlots) {
            if (slot != null && slot.cgroup() != null) {
                slot.cgroup().remove();
            }
        }
    }

    private ForkServer server(int index) throws IOException {
        ForkServer server = servers[index];
        if (server != null && server.usable()) {
            return server;
        }
        if (server != null) {
            server.destroy();
        }
        Slot slot = serverSlots[index];
        if (slot.cgroup() != null) {
            try {
                slot.cgroup().killAll(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while emptying the fork server's cgroup");
            }
            slot.cgroup().prepare(serverLimits);
        }
        List<String> argv = launch.forkServer(slot, harnessDir, serverProgram, serverLimits);
        Path log = slot.inputDir().getParent().resolve("server.log");
        server = ForkServer.start(argv, log, slot.cgroup(), START_PATIENCE, timer);
        servers[index] = server;
        return server;
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
