package io.evalwatch.sandbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the sandbox reads from configuration: isolation, worker pool, limits, languages, analysis. */
@ConfigMapping(prefix = "evalwatch.sandbox")
public interface SandboxConfig {

    /** {@code bwrap} (setpriv + bubblewrap, the default) or {@code none} (no isolation, warned on every run). */
    @WithDefault("bwrap")
    String isolation();

    /** Executions at once; 0 means one per available processor. */
    @WithDefault("0")
    int workers();

    /** Host directory for harness files, per-slot inputs and the analysis cache. */
    @WithDefault("/tmp/evalwatch-sandbox")
    Path workDir();

    /** Slot n runs as uid (and gid) uidBase + n: unprivileged, owning nothing on the host. */
    @WithDefault("64000")
    int uidBase();

    @WithDefault("/usr/bin/bwrap")
    String bwrap();

    @WithDefault("/usr/bin/setpriv")
    String setpriv();

    /** POSIX shell that joins the cgroups and sets the rlimits before exec'ing the sandbox. */
    @WithDefault("/bin/sh")
    String shell();

    /**
     * Where cgroups are mounted: the cgroup v2 (unified) hierarchy itself, or the cgroup v1 controllers (memory, pids,
     * freezer) each in its own folder.
     */
    @WithDefault("/sys/fs/cgroup")
    Path cgroupRoot();

    /**
     * {@code auto} (cgroup v2 where the root is the unified hierarchy, else v1), {@code v1} or {@code v2}. Under v2
     * the service uses the cgroup it runs in, which must be delegated to it with the memory and pids controllers.
     */
    @WithDefault("auto")
    String cgroupVersion();

    /** Under cgroup v2: CPUs' worth of time one run (or fork server) may use at once ({@code cpu.max}); 0: no quota. */
    @WithDefault("1")
    double cgroupCpus();

    /** Parent cgroup name under each controller; each service instance gets its own child. */
    @WithDefault("evalwatch-sandbox")
    String cgroupName();

    /** After the harness reported its end, how long processes may take to exit before they count as lingering. */
    @WithDefault("PT0.2S")
    Duration lingerGrace();

    /** How long a direct (REST) execution waits for a free slot before answering 503. */
    @WithDefault("PT30S")
    Duration slotWait();

    /**
     * Whether each slot keeps a Python fork server: Python runs are forked from a warm interpreter, each into
     * fresh namespaces, a fresh tmpfs, its own rlimits, a seccomp filter and no capabilities, instead of each
     * launching setpriv, bubblewrap and a new interpreter. Other languages and the static analysis always launch.
     */
    @WithDefault("true")
    boolean forkServer();

    /**
     * Whether Java runs start from a class-data sharing archive of the compiler and a precompiled harness runtime,
     * both made once when the service starts (read-only, bound into every sandbox). Each run is still a fresh JVM
     * in its own sandbox. Where making them fails, runs launch as without them and a warning says why.
     */
    @WithDefault("true")
    boolean startupArchives();

    /**
     * Whether Java runs are compiled by a long-lived compile server (a warm javac, sandboxed like a run, that never
     * runs what it compiles) and then run from their class files, each in a fresh JVM in its own sandbox. Needs the
     * startup archives (the precompiled harness runtime) and bwrap isolation; where a server cannot be had, runs
     * compile in their own JVM as without it.
     */
    @WithDefault("true")
    boolean javaCompileServer();

    /**
     * Whether each slot, after a JavaScript run, launches the next JavaScript run's sandbox ahead (the same setpriv,
     * bubblewrap, seccomp, rlimits and cgroup as a launched run, Node started and the harness loaded), which waits for
     * one run, runs it and exits. A run that does not fit it (other limits, an environment) launches as without it.
     */
    @WithDefault("true")
    boolean javascriptPrelaunch();

    /** Default limits of every execution. */
    Limits limits();

    /** The most a task or a request may ask for. */
    Ceiling ceiling();

    /** Per language: command and limit overrides (python, javascript, java). */
    Map<String, LanguageSettings> languages();

    Analysis analysis();

    /** Suite environments: where they are built, and how many warm interpreters they may keep. */
    Environments environments();

    /** Per-execution limits. */
    interface Limits {
        @WithDefault("10")
        double wallSeconds();

        @WithDefault("10")
        int cpuSeconds();

        @WithDefault("512")
        int memoryMb();

        @WithDefault("64")
        int processes();

        @WithDefault("16")
        int fileSizeMb();

        @WithDefault("256")
        int openFiles();

        /** Bytes of stdout+stderr kept; the rest is read and dropped, and the run is flagged output_truncated. */
        @WithDefault("65536")
        int outputBytes();

        /** Bytes of stdout+stderr after which the run is killed as output_limit. */
        @WithDefault("8388608")
        long outputKillBytes();

        /** Size of the tmpfs mounted on /tmp, the only writable place. */
        @WithDefault("64")
        int tmpfsMb();
    }

    /** Upper bounds for limits asked by a task or a request. */
    interface Ceiling {
        @WithDefault("120")
        double wallSeconds();

        @WithDefault("120")
        int cpuSeconds();

        @WithDefault("4096")
        int memoryMb();

        @WithDefault("512")
        int processes();

        @WithDefault("256")
        int fileSizeMb();

        @WithDefault("1024")
        int openFiles();

        @WithDefault("1048576")
        int outputBytes();

        @WithDefault("512")
        int tmpfsMb();
    }

    /** A language's command and the limits it needs beyond the defaults. */
    interface LanguageSettings {
        Optional<String> command();

        /** Added to a task's timeout: interpreter or compiler start-up is not the code's time. */
        Optional<Double> startupSeconds();

        Optional<Integer> memoryMb();

        Optional<Integer> processes();

        Optional<Integer> cpuSeconds();
    }

    /** Static analysis of Python code (pyflakes, mccabe, bandit, mypy), run in its own sandbox. */
    interface Analysis {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("pyflakes,mccabe,bandit,mypy")
        List<String> tools();

        @WithDefault("30")
        double wallSeconds();

        @WithDefault("1024")
        int memoryMb();
    }

    /** Built suite environments (see io.evalwatch.sandbox.environment). */
    interface Environments {
        /**
         * Root of the content-addressed store, one folder per lock hash. The slots' unprivileged uids must be
         * able to reach it (bubblewrap binds it as that uid), so not under a private home such as /root.
         */
        @WithDefault("/var/tmp/evalwatch/environments")
        java.nio.file.Path dir();

        /**
         * Fork servers a slot keeps for environments besides its plain one, each with the environment bound and
         * its preload imported; past that the least recently used is stopped, so memory stays bounded.
         */
        @WithDefault("2")
        int forkServersPerSlot();
    }
}
