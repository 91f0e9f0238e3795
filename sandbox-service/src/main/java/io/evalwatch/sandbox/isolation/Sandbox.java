package io.evalwatch.sandbox.isolation;

import io.evalwatch.sandbox.config.SandboxConfig;
import io.evalwatch.sandbox.language.Language;
import io.evalwatch.sandbox.language.Languages;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs programs in isolation, one per slot at a time. Owns the host side of the sandbox: the work directory,
 * the slots with their uids and cgroups, the launch, the deadline, the output drain, the results channel,
 * and killing the whole process tree at the end of every run.
 */
@ApplicationScoped
public class Sandbox {

    private static final Logger LOG = Logger.getLogger(Sandbox.class);
    /** The Java compile server's memory cgroup limit (its heap is held below it by -Xmx). */
    private static final long JAVA_COMPILE_SERVER_MEMORY = 768L << 20;
    /** How long a sandbox launched ahead may wait for its run: older, it is discarded and the run launches afresh. */
    private static final Duration PRELAUNCH_MAX_WAIT = Duration.ofMinutes(10);
    private static final List<String> HARNESS_FILES = List.of("python/harness.py", "python/forkserver.py",
            "python/analysis.py", "javascript/harness.js");

    static {
        // vfork+exec straight into the launcher rather than posix_spawn through the JDK's jspawnhelper: one
        // exec fewer per run, about 2 ms of CPU here. Takes effect only if no process was started before; the
        // mechanism is gone from later JDKs, so only asked for where it exists.
        if (System.getProperty("jdk.lang.Process.launchMechanism") == null && Runtime.version().feature() < 21) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
    }

    private final SandboxConfig config;
    private final Languages languages;
    private final IsolationMode mode;
    private final String instance = "pid-" + ProcessHandle.current().pid();
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            daemon("sandbox-deadline"));
    private final ExecutorService drains = Executors.newCachedThreadPool(daemon("sandbox-output"));
    private final List<Slot> allSlots = new ArrayList<>();
    private BlockingQueue<Slot> freeSlots;
    private Path instanceDir;
    private Path harnessDir;
    private LaunchCommand launch;
    private CgroupHierarchy controllers = CgroupHierarchy.none();
    private ForkServers forkServers;
    private JavaCompileServers compileServers;
    private PrelaunchedSandboxes prelaunched;
    private final java.util.concurrent.atomic.AtomicLong handOvers = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.CountDownLatch compileServerTried = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean compileServerUp;
    private volatile HostReadiness readiness = new HostReadiness(false, "unchecked", List.of("not started"), List.of());

    public Sandbox(SandboxConfig config, Languages languages) {
        this.config = config;
        this.languages = languages;
        this.mode = IsolationMode.parse(config.isolation());
    }

    void onStart(@Observes StartupEvent event) {
        readiness = prepare();
        if (readiness.ready()) {
            LOG.infof("sandbox ready: isolation %s, %d slots%s", readiness.description(), allSlots.size(),
                    readiness.warnings().isEmpty() ? "" : "; " + String.join("; ", readiness.warnings()));
        } else {
            LOG.errorf("sandbox refuses to execute: %s", String.join("; ", readiness.missing()));
        }
        if (mode == IsolationMode.NONE) {
            LOG.warn("evalwatch.sandbox.isolation=none: generated code runs UNISOLATED, as the service's own user");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (forkServers != null) {
            forkServers.close();
        }
        if (compileServers != null) {
            compileServers.close();
        }
        if (prelaunched != null) {
            prelaunched.close(allSlots);
        }
        deadlines.shutdownNow();
        drains.shutdownNow();
        for (Slot slot : allSlots) {
            if (slot.cgroup() != null) {
                try {
                    slot.cgroup().killAll(Duration.ofSeconds(2));
                } catch (IOException | InterruptedException e) {
                    LOG.warnf("slot %d: %s", slot.index(), e.getMessage());
                }
                slot.cgroup().remove();
            }
        }
        controllers.removeInstance(instance);
        deleteTree(instanceDir);
    }

    public HostReadiness readiness() {
        return readiness;
    }

    public IsolationMode mode() {
        return mode;
    }

    public int slots() {
        return allSlots.size();
    }

    /** Waits until the first Java compile server is up, or could not be started; true if it is up. */
    public boolean awaitJavaCompileServer(Duration timeout) throws InterruptedException {
        if (compileServers == null) {
            return false;
        }
        return compileServerTried.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && compileServerUp;
    }

    /** How many runs were handed to a sandbox launched ahead of them (see {@link PrelaunchedSandboxes}). */
    public long handOvers() {
        return handOvers.get();
    }

    /** The host pids of the sandboxes now waiting for a run, launched ahead (none is running anything). */
    public List<Long> waitingSandboxPids() {
        return prelaunched == null ? List.of() : prelaunched.waitingPids();
    }

    /** The instance's private directory on the host, for caches that live as long as the service. */
    public Path instanceDir() {
        return instanceDir;
    }

    private HostReadiness prepare() {
        int slots = config.workers() > 0 ? config.workers() : Runtime.getRuntime().availableProcessors();
        long uid = HostCheck.effectiveUid();
        List<String> missing = new ArrayList<>(HostCheck.missing(config, mode, uid, slots));
        List<String> warnings = new ArrayList<>();
        if (!missing.isEmpty()) {
            return new HostReadiness(false, mode.name().toLowerCase(), missing, warnings);
        }
        boolean dropUid = mode == IsolationMode.BWRAP && uid == 0;
        if (mode == IsolationMode.BWRAP && uid != 0) {
            warnings.add("not running as root: the sandbox runs as this service's own (unprivileged) uid " + uid
                    + ", shared by all slots");
        }
        controllers = uid == 0 ? detectCgroups() : CgroupHierarchy.none();
        LOG.infof("sandbox cgroups: %s", controllers.describe());
        controllers.removeAbandoned(instance);
        if (!controllers.limitsMemory()) {
            warnings.add("no memory cgroup: memory is limited per process by RLIMIT_AS only");
        }
        if (!controllers.limitsProcesses()) {
            warnings.add("no pids cgroup: processes are limited by RLIMIT_NPROC of the slot's uid only");
        }
        warnings.addAll(controllers.problems());
        Path seccomp = null;
        try {
            createInstanceDir();
            Optional<byte[]> filter = mode == IsolationMode.BWRAP ? SeccompFilter.forHost() : Optional.empty();
            if (filter.isPresent()) {
                seccomp = writeReadable(instanceDir.resolve("seccomp.bpf"), filter.get());
            } else if (mode == IsolationMode.BWRAP) {
                warnings.add("no seccomp filter for architecture " + System.getProperty("os.arch")
                        + ": runs have no system call filter");
            }
            launch = new LaunchCommand(config.shell(), config.setpriv(), config.bwrap(), dropUid, seccomp);
            for (int i = 0; i < slots; i++) {
                Path slotDir = directory(instanceDir.resolve("slot-" + i), "rwxr-xr-x");
                Slot slot = new Slot(i, config.uidBase() + i, directory(slotDir.resolve("in"), "rwxr-xr-x"),
                        directory(slotDir.resolve("scratch"), "rwx------"),
                        controllers.available()
                                ? SlotCgroup.create(controllers, instance, i) : null);
                allSlots.add(slot);
            }
        } catch (IOException e) {
            missing.add("cannot set up the work dir or cgroups: " + e.getMessage());
            return new HostReadiness(false, mode.name().toLowerCase(), missing, warnings);
        }
        freeSlots = new ArrayBlockingQueue<>(slots, true, allSlots);
        String description = mode == IsolationMode.NONE ? "none"
                : "bwrap" + (dropUid ? "+setpriv" : "") + (seccomp != null ? "+seccomp" : "")
                        + (controllers.available() ? "+cgroup" : "");
        if (mode == IsolationMode.BWRAP) {
            String failure = trialRun();
            if (failure != null) {
                missing.add(failure);
                return new HostReadiness(false, description, missing, warnings);
            }
            if (config.forkServer() && startForkServers(dropUid, seccomp != null, warnings)) {
                description += "+forkserver";
            }
            if (config.javaCompileServer()) {
                startCompileServers(dropUid, slots);
            }
            if (config.javascriptPrelaunch()) {
                prelaunched = new PrelaunchedSandboxes(slots, PRELAUNCH_MAX_WAIT);
                LOG.info("JavaScript runs are handed to a sandbox launched ahead in their slot, one sandbox per run");
            }
        }
        return new HostReadiness(true, description, List.of(), List.copyOf(warnings));
    }

    /** The cgroup hierarchy the sandbox uses: v1 or v2 by what the host has (or as configured), see CgroupHierarchy. */
    private CgroupHierarchy detectCgroups() {
        String ownCgroup;
        try {
            ownCgroup = Files.readString(Path.of("/proc/self/cgroup"));
        } catch (IOException e) {
            ownCgroup = "";
        }
        return CgroupHierarchy.detect(CgroupHierarchy.Version.of(config.cgroupVersion()), config.cgroupRoot(),
                config.cgroupName(), ownCgroup, config.cgroupCpus());
    }

    /** Starts the slots' Python fork servers; without them (a warning says why) every Python run launches. */
    private boolean startForkServers(boolean dropUid, boolean seccomp, List<String> warnings) {
        var command = languages.find("python").flatMap(python -> python.forkServerCommand(LaunchCommand.HARNESS_DIR));
        if (command.isEmpty()) {
            return false;
        }
        try {
            forkServers = ForkServers.start(allSlots, controllers, instance, instanceDir, launch, harnessDir,
                    command.get(), Limits.of(config.ceiling()), Limits.of(config.limits()), deadlines,
                    config.lingerGrace(), dropUid, seccomp, config.environments().forkServersPerSlot());
            return true;
        } catch (IOException e) {
            warnings.add("no Python fork server, every Python run launches its own sandbox: " + e.getMessage());
            return false;
        }
    }

    /**
     * Sets up the Java compile servers and starts the first in the background once Java's harness is prepared; until
     * then, and wherever a server cannot be had, Java runs compile in their own JVM. The servers run as the uid
     * after the slots' (uid-base + slots), so their threads never count against a run's process limit.
     */
    private void startCompileServers(boolean dropUid, int slots) {
        Optional<Language> java = languages.find("java");
        if (java.isEmpty()) {
            compileServerTried.countDown();
            return;
        }
        Limits serverLimits = new Limits(Double.MAX_VALUE, 0, JAVA_COMPILE_SERVER_MEMORY, 256, 64L << 20, 1024, 0,
                Long.MAX_VALUE, 64L << 20);
        compileServers = new JavaCompileServers(launch, harnessDir, instanceDir.resolve("java-compile"),
                config.uidBase() + slots, dropUid, controllers, instance, serverLimits, 2, 3, 200,
                () -> java.get().compileServer(Duration.ZERO));
        Thread warmUp = new Thread(() -> {
            try {
                if (java.get().compileServer(Duration.ofMinutes(10)).isPresent() && compileServers.warmUp()) {
                    compileServerUp = true;
                    LOG.info("Java runs are compiled by a sandboxed compile server and run from their class files");
                }
            } finally {
                compileServerTried.countDown();
            }
        }, "java-compile-server-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** Proves that the sandbox comes up and that the code inside it does not run as root. */
    private String trialRun() {
        Program probe = new Program("probe", Map.of(), List.of("/bin/sh", "-c",
                "test \"$(id -u)\" != 0 || { echo 'code would run as root'; exit 1; }"), List.of(), true);
        Limits limits = Limits.of(config.limits());
        try {
            Slot slot = freeSlots.take();
            try {
                RawRun run = launch(slot, probe, limits);
                if (run.exitCode() == null || run.exitCode() != 0) {
                    return "bubblewrap cannot create the sandbox here (exit " + run.exitCode() + "): "
                            + run.output().strip();
                }
                return null;
            } finally {
                freeSlots.add(slot);
            }
        } catch (IOException e) {
            return "cannot start the sandbox: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while trying the sandbox";
        }
    }

    private void createInstanceDir() throws IOException {
        Path workDir = directory(config.workDir(), "rwxr-xr-x");
        try (Stream<Path> instances = Files.list(workDir)) {
            for (Path stale : instances.filter(p -> p.getFileName().toString().startsWith("pid-")).toList()) {
                String pid = stale.getFileName().toString().substring(4);
                boolean alive = pid.chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    deleteTree(stale);
                }
            }
        }
        instanceDir = directory(workDir.resolve(instance), "rwxr-xr-x");
        harnessDir = directory(instanceDir.resolve("harness"), "rwxr-xr-x");
        for (String name : HARNESS_FILES) {
            try (InputStream in = Sandbox.class.getResourceAsStream("/harness/" + name)) {
                if (in == null) {
                    throw new IOException("harness resource " + name + " is missing from the build");
                }
                Path target = harnessDir.resolve(name);
                directory(target.getParent(), "rwxr-xr-x");
                writeReadable(target, in.readAllBytes());
            }
        }
        for (Language language : languages.all()) {
            language.prepareHarness(harnessDir);
        }
    }

    /**
     * Runs one program in a free slot and returns what was observed. Waits at most slotWait for a slot.
     *
     * @throws SandboxUnavailableException isolation is not available on this host (nothing was run)
     * @throws TimeoutException no slot became free in time
     */
    public RawRun run(Function<SandboxPaths, Program> programFor, Limits limits, Duration slotWait)
            throws SandboxUnavailableException, TimeoutException, InterruptedException, IOException {
        HostReadiness current = readiness;
        if (!current.ready()) {
            throw new SandboxUnavailableException(current.missing());
        }
        Slot slot = freeSlots.poll(slotWait.toMillis(), TimeUnit.MILLISECONDS);
        if (slot == null) {
            throw new TimeoutException("no sandbox slot became free within " + slotWait);
        }
        try {
            Program program = programFor.apply(pathsFor(slot));
            if (mode == IsolationMode.NONE) {
                LOG.warnf("running %s code UNISOLATED (evalwatch.sandbox.isolation=none)", program.language());
            }
            return launch(slot, program, limits);
        } finally {
            release(slot);
        }
    }

    /** Gives the slot back; first, where its last run wants one, the next run's sandbox is launched ahead. */
    private void release(Slot slot) {
        if (prelaunched != null && prelaunched.wanted(slot)) {
            prelaunched.launchAhead(slot, () -> freeSlots.add(slot));
        } else {
            freeSlots.add(slot);
        }
    }

    private SandboxPaths pathsFor(Slot slot) {
        return mode == IsolationMode.NONE
                ? new SandboxPaths(harnessDir.toString(), slot.inputDir().toString(), slot.scratchDir().toString(), false)
                : new SandboxPaths(LaunchCommand.HARNESS_DIR, LaunchCommand.INPUT_DIR, LaunchCommand.SCRATCH_DIR, true);
    }

    private RawRun launch(Slot slot, Program program, Limits limits) throws IOException, InterruptedException {
        if (prelaunched != null) {
            List<String> runCommand = takesHandOver(program) ? launch.isolated(slot, harnessDir, program, limits) : null;
            Optional<PrelaunchedSandboxes.Waiting> waiting = prelaunched.take(slot, runCommand);
            prelaunched.want(slot, runCommand,
                    runCommand == null ? null : launch.prelaunched(slot, harnessDir, program, limits), limits);
            if (waiting.isPresent()) {
                RawRun run = handOver(slot, program, limits, waiting.get());
                if (run != null) {
                    return run;
                }
            }
        }
        if (compileServers != null && program.precompile() != null) {
            return launchCompiled(slot, program, limits);
        }
        if (forkServers != null && program.forkSpec() != null) {
            RawRun forked = forkServers.run(slot, program, limits, readiness.description());
            if (forked != null) {
                return forked;
            }
        }
        writeInputs(slot, program.inputFiles());
        if (mode == IsolationMode.NONE) {
            clearDirectory(slot.scratchDir());
        }
        if (slot.cgroup() != null) {
            slot.cgroup().prepare(limits);
        }
        List<String> argv = mode == IsolationMode.NONE
                ? launch.unisolated(slot, program, limits)
                : launch.isolated(slot, harnessDir, program, limits);
        ProcessBuilder builder = LaunchCommand.processBuilder(argv).redirectInput(new File("/dev/null"));
        long started = System.nanoTime();
        return observe(slot, builder.start(), limits, started);
    }

    /** A program the slot can launch ahead: one whose harness waits for its hand-over, in a sandbox of its own. */
    private boolean takesHandOver(Program program) {
        return mode == IsolationMode.BWRAP && program.environment() == null && program.binds().isEmpty()
                && program.forkSpec() == null && program.precompile() == null
                && languages.find(program.language()).map(Language::waitsForHandOver).orElse(false);
    }

    /**
     * Runs the program in the sandbox launched ahead for it: its input files are written, its cgroup's counters
     * reset, and its wall time starts, at the hand-over. Null if that sandbox died before it read its run (it
     * reported nothing, so nothing of the run was executed): the caller launches one afresh.
     */
    private RawRun handOver(Slot slot, Program program, Limits limits, PrelaunchedSandboxes.Waiting waiting)
            throws IOException, InterruptedException {
        try {
            writeInputs(slot, program.inputFiles());
            if (slot.cgroup() != null) {
                slot.cgroup().prepare(limits);
            }
        } catch (IOException | RuntimeException e) {
            PrelaunchedSandboxes.discard(slot, waiting);
            throw e;
        }
        long started = System.nanoTime();
        if (!PrelaunchedSandboxes.handOver(waiting)) {
            PrelaunchedSandboxes.discard(slot, waiting);
            return null;
        }
        RawRun run = observe(slot, waiting.process(), limits, started);
        if (run.records().isEmpty() && run.malformedRecords() == 0 && !run.timedOut() && !run.outputLimitExceeded()) {
            LOG.infof("slot %d: the sandbox launched ahead died before its run (exit %s); launching one afresh",
                    slot.index(), run.exitCode());
            return null;
        }
        handOvers.incrementAndGet();
        return run;
    }

    /** Watches one started sandbox to its end: deadline, output drain, records, and the kill of what is left. */
    private RawRun observe(Slot slot, Process process, Limits limits, long started)
            throws IOException, InterruptedException {
        RunControl control = new RunControl(process, slot);
        OutputCapture output = new OutputCapture(process.getErrorStream(), limits.outputBytes(),
                limits.outputKillBytes(), control::outputExceeded);
        Future<?> drain = drains.submit(output);
        ScheduledFuture<?> deadline = deadlines.schedule(control::deadlinePassed,
                Math.max(1, (long) (limits.wallSeconds() * 1000)), TimeUnit.MILLISECONDS);
        RecordParser parser = new RecordParser();
        int strays;
        try (InputStream results = process.getInputStream()) {
            if (!readRecords(results, parser)) {
                control.kill(); // more on the channel than any harness writes: it is being flooded
            }
            if (!process.waitFor(config.lingerGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                control.kill();
            }
            deadline.cancel(false);
            process.waitFor();
            strays = slot.cgroup() == null ? killDescendants(process) : slot.cgroup().killAll(Duration.ofSeconds(5));
        } catch (InterruptedException | IOException | RuntimeException e) {
            deadline.cancel(false);
            control.kill();
            throw e;
        } finally {
            control.finish();
        }
        try {
            drain.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            drain.cancel(true);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ResourceEvidence resources = slot.cgroup() == null ? ResourceEvidence.unmeasured() : slot.cgroup().evidence();
        return new RawRun(parser.records(), parser.malformed(), output.kept(), output.total(), output.truncated(),
                output.exceeded(), control.timedOut(), control.killed() ? null : process.exitValue(), strays,
                resources, seconds, readiness.description());
    }

    /**
     * Compiles the program's source in a compile server, then runs the classes in the slot's own fresh sandbox
     * (bound read-only), within what is left of the wall time. A compile error reads as it would from a source
     * launch: javac's diagnostics and exit status 1. Without a server the program runs as it is.
     */
    private RawRun launchCompiled(Slot slot, Program program, Limits limits) throws IOException, InterruptedException {
        Precompile precompile = program.precompile();
        JavaCompileServers.Compiled compiled = compileServers.compile(precompile, program.environment(),
                limits.wallSeconds());
        try {
            switch (compiled.status()) {
                case UNAVAILABLE:
                    return launch(slot, withoutPrecompile(program), limits);
                case FAILED: {
                    String output = compiled.output();
                    boolean truncated = output.length() > limits.outputBytes();
                    return new RawRun(List.of(), 0, truncated ? output.substring(0, limits.outputBytes()) : output,
                            output.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, truncated, false, false,
                            1, 0, ResourceEvidence.unmeasured(), compiled.seconds(), readiness.description());
                }
                case TIMED_OUT:
                    return new RawRun(List.of(), 0, "", 0, false, false, true, null, 0, ResourceEvidence.unmeasured(),
                            compiled.seconds(), readiness.description());
                default:
                    break;
            }
            List<Bind> binds = new ArrayList<>(program.binds());
            binds.add(Bind.readOnly(compiled.classes(), Precompile.CLASSES_DIR));
            Program run = new Program(program.language(), program.inputFiles(), precompile.command(), binds,
                    program.limitAddressSpace(), null, program.environment());
            double left = Math.max(0.1, limits.wallSeconds() - compiled.seconds());
            RawRun ran = launch(slot, run, limits.with(new LimitsOverride(left, null, null, null, null, null, null,
                    null)));
            return new RawRun(ran.records(), ran.malformedRecords(), ran.output(), ran.outputBytes(),
                    ran.outputTruncated(), ran.outputLimitExceeded(), ran.timedOut(), ran.exitCode(), ran.strays(),
                    ran.resources(), ran.seconds() + compiled.seconds(), ran.isolation());
        } finally {
            compileServers.release(compiled);
        }
    }

    private static Program withoutPrecompile(Program program) {
        return new Program(program.language(), program.inputFiles(), program.command(), program.binds(),
                program.limitAddressSpace(), program.forkSpec(), program.environment());
    }

    private static int killDescendants(Process process) {
        List<ProcessHandle> left = process.descendants().toList();
        left.forEach(ProcessHandle::destroyForcibly);
        return left.size();
    }

    /**
     * Reads records until the harness reports its end or the channel closes.
     *
     * @return false if the channel carried more than any harness writes (and reading stopped there)
     */
    private static boolean readRecords(InputStream in, RecordParser parser) {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = readSome(in, buffer)) > 0) {
            RecordParser.State state = parser.feed(buffer, 0, n);
            if (state != RecordParser.State.READING) {
                return state == RecordParser.State.ENDED;
            }
        }
        return true;
    }

    private static int readSome(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException closed) {
            return -1; // the run was killed and its pipe closed: the records so far are all there are
        }
    }

    private static void writeInputs(Slot slot, Map<String, byte[]> files) throws IOException {
        clearDirectory(slot.inputDir());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = slot.inputDir().resolve(file.getKey()).normalize();
            if (!target.getParent().equals(slot.inputDir())) {
                throw new IOException("input file name " + file.getKey() + " leaves the input directory");
            }
            writeReadable(target, file.getValue());
        }
    }

    private static void clearDirectory(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                deleteTree(entry);
            }
        }
    }

    /** A root-owned file the slots' unprivileged uids can read and nobody but root can change. */
    private static Path writeReadable(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private static Path directory(Path dir, String permissions) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(permissions));
        return dir;
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Kills a run at most once, from whichever of deadline, output drain or reader gets there first. */
    private static final class RunControl {
        private final Process process;
        private final Slot slot;
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile boolean killed;
        private volatile boolean timedOut;

        RunControl(Process process, Slot slot) {
            this.process = process;
            this.slot = slot;
        }

        void deadlinePassed() {
            if (!finished.get()) {
                timedOut = true;
                kill();
            }
        }

        void outputExceeded() {
            kill();
        }

        synchronized void kill() {
            if (finished.get()) {
                return;
            }
            killed = true;
            // SIGKILL to the sandbox's pid 1 (bubblewrap's only child): with a namespace's init the kernel kills
            // every process left in it, setsid'd and double-forked ones too, and bubblewrap reaps it and exits.
            // Killing bubblewrap instead would leave that init a zombie of the host's init.
            // Through handles, because Process.destroyForcibly also closes the pipes still being read.
            ProcessHandle launcher = process.toHandle();
            List<ProcessHandle> sandboxInit = launcher.children().toList();
            sandboxInit.forEach(ProcessHandle::destroyForcibly);
            try {
                if (sandboxInit.isEmpty()) {
                    launcher.destroyForcibly();
                } else {
                    launcher.onExit().get(1, TimeUnit.SECONDS);
                }
            } catch (Exception stillThere) {
                launcher.destroyForcibly();
            }
            if (slot.cgroup() != null) {
                try {
                    slot.cgroup().killAll(Duration.ofSeconds(5));
                } catch (IOException | InterruptedException e) {
                    LOG.errorf("slot %d: could not empty its cgroup: %s", slot.index(), e.getMessage());
                }
            } else {
                killDescendants(process);
            }
        }

        synchronized void finish() {
            finished.set(true);
        }

        boolean killed() {
            return killed;
        }

        boolean timedOut() {
            return timedOut;
        }
    }
}
