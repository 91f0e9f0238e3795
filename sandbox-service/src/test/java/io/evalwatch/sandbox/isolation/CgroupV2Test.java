package io.evalwatch.sandbox.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.sandbox.isolation.CgroupHierarchy.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup v2 files against a fake hierarchy (a plain directory): which hierarchy is chosen, how the delegated
 * group is found and prepared (processes out to a leaf, controllers enabled), what a run's group is given and how
 * the verdict's counters are read. {@link CgroupV2HostTest} runs the real thing on a cgroup v2 host.
 */
class CgroupV2Test {

    private static final Limits LIMITS = new Limits(5, 5, 256L << 20, 32, 8L << 20, 128, 4096, 1 << 20, 16L << 20);
    private static final String OWN = "0::/system.slice/evalwatch-sandbox.service\n";
    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path root;

    private Path unifiedRoot(String controllers) throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), controllers + "\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "");
        Files.writeString(root.resolve("cgroup.procs"), "1\n");
        return root;
    }

    /** A group systemd delegated to the service (Delegate=yes): the service's processes are in it. */
    private Path delegatedService(String controllers) throws IOException {
        Path service = root.resolve("system.slice/evalwatch-sandbox.service");
        Files.createDirectories(service);
        Files.writeString(service.resolve("cgroup.type"), "domain\n");
        Files.writeString(service.resolve("cgroup.controllers"), controllers + "\n");
        Files.writeString(service.resolve("cgroup.subtree_control"), "");
        Files.writeString(service.resolve("cgroup.procs"), SELF + "\n");
        return service;
    }

    @Test
    void theDelegatedGroupIsWhereTheServiceRunsOrTheParentOfItsLeaf() {
        assertEquals(root.resolve("system.slice/x.service"), CgroupV2.delegated(root, "0::/system.slice/x.service\n"));
        assertEquals(root.resolve("system.slice/x.service"),
                CgroupV2.delegated(root, "0::/system.slice/x.service/" + CgroupV2.SERVICE_LEAF + "\n"));
        assertEquals(root, CgroupV2.delegated(root, "0::/\n"));
        assertEquals(root, CgroupV2.delegated(root, "0::/" + CgroupV2.SERVICE_LEAF + "\n"));
        // a hybrid host lists its v1 hierarchies first
        assertEquals(root.resolve("user.slice"), CgroupV2.delegated(root, "4:memory:/x\n1:name=systemd:/\n0::/user.slice\n"));
        assertEquals(root, CgroupV2.delegated(root, ""));
    }

    @Test
    void theServiceMovesToItsLeafAndEnablesMemoryPidsAndCpuForItsGroups() throws IOException {
        unifiedRoot("cpuset cpu io memory hugetlb pids rdma misc");
        Path service = delegatedService("cpu io memory pids");

        CgroupHierarchy v2 = CgroupHierarchy.detect(Version.AUTO, root, "evalwatch-sandbox", OWN, 1);

        assertInstanceOf(CgroupV2.class, v2);
        assertTrue(v2.limitsMemory() && v2.limitsProcesses(), v2.describe());
        assertEquals(Long.toString(SELF), Files.readString(service.resolve("sandbox-service/cgroup.procs")).trim(),
                "no internal processes: the service's own processes leave the group that gets controllers");
        assertEquals("+memory +pids +cpu", Files.readString(service.resolve("cgroup.subtree_control")));
        assertEquals("+memory +pids +cpu",
                Files.readString(service.resolve("evalwatch-sandbox/cgroup.subtree_control")));
        assertTrue(v2.describe().startsWith("cgroup v2 (memory, pids, cpu; 1.0 CPU per run) under "
                + service.resolve("evalwatch-sandbox")), v2.describe());
        assertTrue(v2.describe().contains("the unified hierarchy is mounted at " + root), v2.describe());
        assertEquals(Files.readString(root.resolve("cgroup.subtree_control")), "", "nothing above the delegated group");
    }

    @Test
    void atTheHierarchysRootNothingIsMovedAndNoCpuQuotaMeansNoCpuController() throws IOException {
        unifiedRoot("cpu memory pids");

        CgroupHierarchy v2 = CgroupHierarchy.detect(Version.V2, root, "evalwatch-sandbox", "0::/\n", 0);

        assertTrue(v2.available(), v2.describe());
        assertFalse(Files.exists(root.resolve(CgroupV2.SERVICE_LEAF)), "the root may hold processes");
        assertEquals("+memory +pids", Files.readString(root.resolve("cgroup.subtree_control")));
        assertTrue(v2.describe().contains("no CPU quota"), v2.describe());
    }

    @Test
    void aGroupWithoutMemoryOrPidsDelegatedIsNotUsedAndSaysHowToDelegate() throws IOException {
        unifiedRoot("cpuset cpu io memory pids");
        Path service = delegatedService("");

        CgroupHierarchy v2 = CgroupHierarchy.detect(Version.AUTO, root, "evalwatch-sandbox", OWN, 1);

        assertFalse(v2.available());
        assertTrue(v2.problems().get(0).contains("Delegate=yes"), v2.problems().toString());
        assertTrue(v2.describe().startsWith("none: the unified hierarchy is mounted at"), v2.describe());
        assertFalse(Files.exists(service.resolve(CgroupV2.SERVICE_LEAF)), "nothing moved for a group it cannot use");
    }

    @Test
    void autoKeepsCgroupV1WhereItsControllersAreMounted() throws IOException {
        for (String controller : new String[] {"memory", "pids", "freezer"}) {
            Files.createDirectories(root.resolve(controller));
            Files.writeString(root.resolve(controller).resolve("cgroup.procs"), "");
        }
        // this machine's kind of host: a hybrid one, whose unified hierarchy has no controllers
        Files.createDirectories(root.resolve("unified"));
        Files.writeString(root.resolve("unified/cgroup.controllers"), "\n");

        CgroupHierarchy hierarchy = CgroupHierarchy.detect(Version.AUTO, root, "evalwatch-sandbox", "0::/\n", 1);

        assertInstanceOf(CgroupV1.class, hierarchy);
        assertTrue(hierarchy.describe().startsWith("cgroup v1 (memory, pids, freezer, no CPU quota)"),
                hierarchy.describe());
        CgroupHierarchy forced = CgroupHierarchy.detect(Version.V2, root, "evalwatch-sandbox", "0::/\n", 1);
        assertFalse(forced.available(), "v2 asked for, but its hierarchy here has no controllers");
    }

    @Test
    void aHybridHostWithoutV1ControllersUsesItsUnifiedHierarchy() throws IOException {
        Path unified = root.resolve("unified");
        Files.createDirectories(unified);
        Files.writeString(unified.resolve("cgroup.controllers"), "memory pids\n");
        Files.writeString(unified.resolve("cgroup.subtree_control"), "");

        CgroupHierarchy hierarchy = CgroupHierarchy.detect(Version.AUTO, root, "evalwatch-sandbox", "0::/\n", 1);

        assertInstanceOf(CgroupV2.class, hierarchy);
        assertTrue(hierarchy.available(), hierarchy.describe());
        assertTrue(hierarchy.problems().contains("the cgroup v2 group " + unified + " has no cpu controller"),
                hierarchy.problems().toString());
    }

    @Test
    void aRunsGroupGetsItsLimitsAndItsVerdictCountsOnlyWhatHappenedDuringTheRun() throws IOException {
        unifiedRoot("cpu memory pids");
        CgroupHierarchy v2 = CgroupHierarchy.detect(Version.V2, root, "evalwatch-sandbox", "0::/\n", 1.5);
        Path group = root.resolve("evalwatch-sandbox/pid-1/slot-0");
        Files.createDirectories(group);
        Files.writeString(group.resolve("memory.swap.max"), "max\n");
        Files.writeString(group.resolve("memory.events"), "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\noom_group_kill 0\n");
        Files.writeString(group.resolve("pids.events"), "max 2\n");
        Files.writeString(group.resolve("memory.peak"), "999999999\n");

        SlotCgroup slot = SlotCgroup.create(v2, "pid-1", 0);
        slot.prepare(LIMITS);

        assertEquals(java.util.List.of(group.resolve("cgroup.procs")), slot.membershipFiles());
        assertEquals("+memory +pids +cpu", Files.readString(root.resolve("evalwatch-sandbox/pid-1/cgroup.subtree_control")));
        assertEquals(Long.toString(256L << 20), Files.readString(group.resolve("memory.max")));
        assertEquals("0", Files.readString(group.resolve("memory.swap.max")), "memory, not memory plus swap");
        assertEquals("32", Files.readString(group.resolve("pids.max")));
        assertEquals("150000 100000", Files.readString(group.resolve("cpu.max")));

        // the run: four allocations over the limit, two OOM kills, three refused forks, a peak of 200 MiB
        Files.writeString(group.resolve("memory.events"), "low 0\nhigh 0\nmax 7\noom 3\noom_kill 3\noom_group_kill 0\n");
        Files.writeString(group.resolve("pids.events"), "max 5\n");
        Files.writeString(group.resolve("memory.peak"), (200L << 20) + "\n");
        assertEquals(new ResourceEvidence(4, 2, 3, 200L << 20), slot.evidence());

        slot.prepare(LIMITS);
        ResourceEvidence next = slot.evidence();
        assertEquals(java.util.List.of(0L, 0L, 0L),
                java.util.List.of(next.memoryLimitHits(), next.oomKills(), next.processLimitHits()),
                "the next run's counters start from zero");
    }

    @Test
    void aCompileServersGroupHasNoCpuQuota() throws IOException {
        unifiedRoot("cpu memory pids");
        CgroupHierarchy v2 = CgroupHierarchy.detect(Version.V2, root, "evalwatch-sandbox", "0::/\n", 1);

        SlotCgroup.createCompileServer(v2, "pid-1", "javac-1");

        assertEquals("max 100000",
                Files.readString(root.resolve("evalwatch-sandbox/pid-1/compile-server-javac-1/cpu.max")));
        assertEquals("1000 100000", SlotCgroupV2.cpuMax(0.001), "cpu.max's smallest quota is 1 ms");
    }
}
