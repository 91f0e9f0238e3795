package io.evalwatch.sandbox.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launch line: privileges dropped before bubblewrap, every namespace, read-only system, one tmpfs, no env. */
class LaunchCommandTest {

    private static final Limits LIMITS = new Limits(5, 5, 256L << 20, 32, 8L << 20, 128, 4096, 1 << 20, 16L << 20);
    private static final Path SECCOMP = Path.of("/w/seccomp.bpf");
    private static final Slot SLOT = new Slot(1, 64001, Path.of("/w/slot-1/in"), Path.of("/w/slot-1/scratch"), null);
    private static final Program PROGRAM = new Program("python", Map.of(), List.of("/usr/bin/python3", "-I", "x.py"),
            List.of(Bind.readOnly(Path.of("/etc/java-17-openjdk"), "/etc/java-17-openjdk")), true);

    @Test
    void rootDropsToTheSlotUidWithNoCapabilitiesBeforeBubblewrap() {
        List<String> argv = new LaunchCommand("/bin/sh", "/usr/bin/setpriv", "/usr/bin/bwrap", true, SECCOMP)
                .isolated(SLOT, Path.of("/w/harness"), PROGRAM, LIMITS);
        int setpriv = argv.indexOf("/usr/bin/setpriv");
        int bwrap = argv.indexOf("/usr/bin/bwrap");
        assertTrue(setpriv > 0 && setpriv < bwrap);
        assertTrue(argv.subList(setpriv, bwrap).containsAll(List.of("--reuid=64001", "--regid=64001", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs")));
        List<String> sandbox = argv.subList(bwrap, argv.size());
        assertTrue(sandbox.containsAll(List.of("--unshare-all", "--unshare-user", "--disable-userns", "--as-pid-1",
                "--die-with-parent", "--new-session", "--clearenv")));
        assertEquals("/usr", sandbox.get(sandbox.indexOf("--ro-bind") + 1));
        assertEquals(Long.toString(16L << 20), sandbox.get(sandbox.indexOf("--size") + 1));
        assertEquals("/tmp", sandbox.get(sandbox.indexOf("--tmpfs") + 1));
        assertTrue(String.join(" ", sandbox).contains("--remount-ro / "), "the root ends read-only");
        assertFalse(sandbox.contains("--bind"), "nothing writable is bound from the host");
        assertEquals("4", sandbox.get(sandbox.indexOf("--seccomp") + 1), "the filter the shell opened on fd 4");
        assertFalse(sandbox.contains("--cap-add"), "a run keeps no capability, not even in its own namespace");
        assertEquals(List.of("/usr/bin/python3", "-I", "x.py"), argv.subList(argv.size() - 3, argv.size()));
    }

    @Test
    void theShellSetsEveryRlimitFromTheLimits() {
        List<String> argv = new LaunchCommand("/bin/sh", "/usr/bin/setpriv", "/usr/bin/bwrap", true, SECCOMP)
                .isolated(SLOT, Path.of("/w/harness"), PROGRAM, LIMITS);
        assertEquals(List.of("/bin/sh", "-c", LaunchCommand.SCRIPT, "evalwatch-sandbox", "", "5",
                Long.toString((8L << 20) / 512), "128", Long.toString(256L << 10), "32", "/", "/w/seccomp.bpf"),
                argv.subList(0, 12));
    }

    @Test
    void aSandboxLaunchedAheadIsTheRunsOwnCommandKeepingItsStdin() {
        Program node = new Program("javascript", Map.of(), List.of("/usr/bin/node", "harness.js"), List.of(), false);
        LaunchCommand launch = new LaunchCommand("/bin/sh", "/usr/bin/setpriv", "/usr/bin/bwrap", true, SECCOMP);
        List<String> run = launch.isolated(SLOT, Path.of("/w/harness"), node, LIMITS);
        List<String> ahead = launch.prelaunched(SLOT, Path.of("/w/harness"), node, LIMITS);
        assertTrue(LaunchCommand.SCRIPT.contains("</dev/null"));
        assertFalse(ahead.get(2).contains("</dev/null"), "the hand-over arrives on stdin");
        assertEquals(LaunchCommand.SCRIPT.replace(" </dev/null", ""), ahead.get(2), "otherwise the same prologue");
        assertEquals(run.subList(3, run.size()), ahead.subList(3, ahead.size()), "the same limits and sandbox");
        assertEquals(run.subList(0, 2), ahead.subList(0, 2));
    }

    @Test
    void runtimesThatReserveAddressSpaceAreHeldByTheCgroupInstead() {
        Program node = new Program("javascript", Map.of(), List.of("/usr/bin/node"), List.of(), false);
        List<String> argv = new LaunchCommand("/bin/sh", "/usr/bin/setpriv", "/usr/bin/bwrap", true, SECCOMP)
                .isolated(SLOT, Path.of("/w/harness"), node, LIMITS);
        assertEquals("-", argv.get(8), "left as inherited");
    }

    @Test
    void unisolatedRunsKeepOnlyTheRlimitsAndCgroups() {
        List<String> argv = new LaunchCommand("/bin/sh", "/usr/bin/setpriv", "/usr/bin/bwrap", false, SECCOMP)
                .unisolated(SLOT, PROGRAM, LIMITS);
        assertFalse(argv.contains("/usr/bin/bwrap"));
        assertFalse(argv.contains("/usr/bin/setpriv"));
        assertEquals("-", argv.get(9), "RLIMIT_NPROC would count the service's own processes");
        assertEquals("/w/slot-1/scratch", argv.get(10));
        assertEquals("-", argv.get(11), "no seccomp filter without bubblewrap to load it");
    }

    @Test
    void aForkServerHoldsCapabilitiesOnlyInsideItsOwnNamespaceAndHasNoCpuLimitOfItsOwn() {
        List<String> argv = new LaunchCommand("/bin/sh", "/usr/bin/setpriv", "/usr/bin/bwrap", true, SECCOMP)
                .forkServer(SLOT, Path.of("/w/harness"), PROGRAM, LIMITS);
        assertEquals(LaunchCommand.SERVER_SCRIPT, argv.get(2), "its stdin stays the service's request pipe");
        assertEquals("-", argv.get(5), "each run gets its own CPU limit");
        List<String> sandbox = argv.subList(argv.indexOf("/usr/bin/bwrap"), argv.size());
        assertEquals("ALL", sandbox.get(sandbox.indexOf("--cap-add") + 1));
        assertTrue(sandbox.containsAll(List.of("--unshare-all", "--unshare-user", "--disable-userns", "--seccomp")));
        assertTrue(argv.indexOf("/usr/bin/setpriv") < argv.indexOf("/usr/bin/bwrap"), "as the slot's uid");
    }
}
