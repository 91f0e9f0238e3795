package io.evalwatch.sandbox.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line that starts one sandboxed run. A POSIX shell comes first: it joins the slot's cgroups
 * (before anything can fork, so every descendant is counted and can be killed), sets the rlimits, moves the
 * results channel to fd 3 and stdout to the output pipe, and execs setpriv, which drops to the slot's
 * unprivileged uid with no capabilities, and execs bubblewrap, which builds the namespaces and file system.
 */
public final class LaunchCommand {

    /** Where the harness files and a run's inputs appear inside the sandbox. */
    public static final String HARNESS_DIR = "/sandbox/harness";
    public static final String INPUT_DIR = "/sandbox/in";
    public static final String SCRATCH_DIR = "/tmp";

    static final String SCRIPT = script("exec 3>&1 1>&2 </dev/null");
    /** A fork server keeps its stdin: the service's requests arrive there; so does a sandbox launched ahead. */
    static final String SERVER_SCRIPT = script("exec 3>&1 1>&2");

    private static String script(String redirections) {
        return String.join("\n",
                redirections,
                "fail() { echo \"evalwatch-sandbox: cannot $1\" >&2; exit 125; }",
                "IFS=:",
                "for group in $1; do echo $$ > \"$group\" || fail \"join cgroup $group\"; done",
                "unset IFS",
                "ulimit -c 0 || fail 'disable core dumps'",
                "[ \"$2\" = - ] || { ulimit -t $(($2 + 1)) && ulimit -S -t $2; } || fail 'limit cpu time'",
                "ulimit -f $3 || fail 'limit file size'",
                "ulimit -n $4 || fail 'limit open files'",
                // "-" leaves a limit as inherited (raising one needs CAP_SYS_RESOURCE, which root may not have)
                "[ \"$5\" = - ] || ulimit -v $5 || fail 'limit address space'",
                // bash spells the process limit -u, dash -p
                "[ \"$6\" = - ] || { ulimit -u $6 2>/dev/null || ulimit -p $6; } || fail 'limit processes'",
                "cd \"$7\" || fail \"enter $7\"",
                // bubblewrap reads the seccomp program from fd 4 (--seccomp 4)
                "[ \"$8\" = - ] || exec 4<\"$8\" || fail 'open the seccomp filter'",
                "shift 8",
                // the shell's own bookkeeping would tell the code where the service runs from
                "unset PWD OLDPWD",
                "exec \"$@\"");
    }

    /** Host directories bound read-only at the same place, when they exist: what interpreters need of /etc. */
    static final List<String> SYSTEM_FILES = List.of("/etc/ld.so.cache", "/etc/alternatives", "/etc/localtime");

    private final String shell;
    private final String setpriv;
    private final String bwrap;
    private final boolean dropUid;
    private final Path seccompFilter;

    /** @param seccompFilter the compiled filter every isolated run loads (see {@link SeccompFilter}), or null */
    public LaunchCommand(String shell, String setpriv, String bwrap, boolean dropUid, Path seccompFilter) {
        this.shell = shell;
        this.setpriv = setpriv;
        this.bwrap = bwrap;
        this.dropUid = dropUid;
        this.seccompFilter = seccompFilter;
    }

    public List<String> isolated(Slot slot, Path harnessDir, Program program, Limits limits) {
        return isolated(slot, harnessDir, program, limits, false);
    }

    /**
     * A slot's Python fork server: the same sandbox, but holding every capability inside its own user namespace
     * (never outside it), which it needs to give each run namespaces of its own, and no CPU-time limit of its
     * own (each run gets one). The runs lower every other limit for themselves.
     */
    public List<String> forkServer(Slot serverSlot, Path harnessDir, Program program, Limits ceiling) {
        return isolated(serverSlot, harnessDir, program, ceiling, true);
    }

    /**
     * The Java compile server: the sandbox of a run, keeping its stdin (requests arrive there) and without a CPU-time
     * limit of its own (it lives for many compiles, each under a deadline); no capability, inside or out.
     */
    public List<String> compileServer(Slot serverSlot, Path harnessDir, Program program, Limits limits) {
        List<String> argv = prologue(serverSlot, program, limits, "/", true, seccompFilter);
        sandbox(argv, serverSlot, harnessDir, program, limits, false);
        return argv;
    }

    /**
     * A run's sandbox launched ahead of the run: exactly {@link #isolated(Slot, Path, Program, Limits)}, limits and
     * all, but keeping its stdin, where the harness waits for the hand-over (see {@link PrelaunchedSandboxes}).
     */
    public List<String> prelaunched(Slot slot, Path harnessDir, Program program, Limits limits) {
        List<String> argv = isolated(slot, harnessDir, program, limits, false);
        argv.set(argv.indexOf(SCRIPT), SERVER_SCRIPT);
        return argv;
    }

    private List<String> isolated(Slot slot, Path harnessDir, Program program, Limits limits, boolean server) {
        List<String> argv = prologue(slot, program, limits, "/", server, seccompFilter);
        sandbox(argv, slot, harnessDir, program, limits, server);
        return argv;
    }

    /** setpriv and bubblewrap, after the prologue; capabilities inside the user namespace only for a fork server. */
    private void sandbox(List<String> argv, Slot slot, Path harnessDir, Program program, Limits limits,
            boolean server) {
        if (dropUid) {
            argv.addAll(List.of(setpriv, "--reuid=" + slot.uid(), "--regid=" + slot.uid(), "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"));
        }
        argv.add(bwrap);
        // --as-pid-1: the harness itself is the namespace's init. Code cannot signal it (an init only gets
        // signals it handles), everything else in the namespace dies with it, and bubblewrap reaps it: with
        // bubblewrap's own init, that init outlives bubblewrap and waits as a zombie, charged to the pids
        // cgroup, until the host's init reaps it
        argv.addAll(List.of("--unshare-all", "--unshare-user", "--disable-userns", "--as-pid-1",
                "--die-with-parent", "--new-session", "--hostname", "sandbox"));
        if (server) {
            argv.addAll(List.of("--cap-add", "ALL"));
        }
        if (seccompFilter != null) {
            argv.addAll(List.of("--seccomp", "4"));
        }
        argv.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String dir : List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32")) {
            if (Files.isDirectory(Path.of("/usr", dir))) {
                argv.addAll(List.of("--symlink", "usr/" + dir, "/" + dir));
            }
        }
        for (String file : SYSTEM_FILES) {
            argv.addAll(List.of("--ro-bind-try", file, file));
        }
        argv.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev"));
        argv.addAll(List.of("--size", Long.toString(limits.tmpfsBytes()), "--tmpfs", SCRATCH_DIR));
        argv.addAll(List.of("--ro-bind", harnessDir.toString(), HARNESS_DIR));
        argv.addAll(List.of("--ro-bind", slot.inputDir().toString(), INPUT_DIR));
        if (program.environment() != null) {
            // the suite's environment: one more read-only bind, nothing of it writable by the code
            argv.addAll(List.of("--ro-bind", program.environment().root().toString(), EnvironmentMount.SANDBOX_PATH));
        }
        for (Bind bind : program.binds()) {
            argv.addAll(List.of(bind.writable() ? "--bind" : "--ro-bind", bind.host().toString(), bind.sandbox()));
        }
        argv.addAll(List.of("--remount-ro", "/"));
        argv.addAll(List.of("--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", SCRATCH_DIR,
                "--setenv", "TMPDIR", SCRATCH_DIR, "--setenv", "LANG", "C.UTF-8", "--chdir", SCRATCH_DIR, "--"));
        argv.addAll(program.command());
    }

    /**
     * The process that runs argv: nothing of the service's environment may reach the code, not even through the
     * launcher's /proc entry, so it starts with PATH and LANG only.
     */
    static ProcessBuilder processBuilder(List<String> argv) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("LANG", "C.UTF-8");
        return builder;
    }

    /**
     * RLIMIT_NPROC for a run: it counts per uid, so it means something only for a slot's own uid, never for root
     * or a shared uid; with a pids cgroup it is only a backstop, set above the cgroup's limit so the cgroup (which
     * counts refusals as evidence) is the one that bites.
     *
     * @param ownProcesses the sandbox's own processes under the slot's uid besides the run's
     */
    static String processRlimit(boolean perUid, SlotCgroup cgroup, int processes, int ownProcesses) {
        boolean cgroupCounts = cgroup != null && cgroup.limitsProcesses();
        return !perUid ? "-" : Integer.toString(cgroupCounts ? processes * 2 : processes + ownProcesses);
    }

    /** No namespaces, no uid change: only the cgroups and rlimits, in the slot's scratch directory. */
    public List<String> unisolated(Slot slot, Program program, Limits limits) {
        List<String> argv = prologue(slot, program, limits, slot.scratchDir().toString(), false, null);
        argv.addAll(program.command());
        return argv;
    }

    private List<String> prologue(Slot slot, Program program, Limits limits, String workingDir, boolean server,
            Path seccomp) {
        List<String> argv = new ArrayList<>();
        argv.addAll(List.of(shell, "-c", server ? SERVER_SCRIPT : SCRIPT, "evalwatch-sandbox"));
        argv.add(slot.cgroup() == null ? "" : slot.cgroup().membershipFiles().stream()
                .map(Path::toString).collect(Collectors.joining(":")));
        argv.add(server ? "-" : Integer.toString(limits.cpuSeconds()));
        argv.add(Long.toString(Math.max(1, limits.fileSizeBytes() / 512)));
        argv.add(Integer.toString(limits.openFiles()));
        argv.add(program.limitAddressSpace() ? Long.toString(limits.memoryBytes() / 1024) : "-");
        argv.add(processRlimit(dropUid, slot.cgroup(), limits.processes(), 0));
        argv.add(workingDir);
        argv.add(seccomp == null ? "-" : seccomp.toString());
        return argv;
    }
}
