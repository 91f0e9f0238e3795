package io.evalwatch.localstack;

import io.evalwatch.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * evalwatch without Docker: a real Kafka broker and every service as child processes of this machine, with their
 * state, logs and pids under one folder ({@code .evalwatch/} by default). Processes outlive the JVM that started
 * them; {@link #stop()} finds them again through the pid files.
 */
public final class LocalStack {

    private final Path root;
    private final Path stateDir;
    private final int kafkaPort;
    private final int controllerPort;
    private final List<ServiceSpec> services;
    private final Map<String, Map<String, String>> extraProperties;
    private final Map<String, String> extraEnvironment;
    private final boolean freshDatabases;
    private final List<String> extraKeyLines;
    private final PostgresDatabases databases = PostgresDatabases.fromEnvironment();
    /** Further instances started by this object: name → where it listens and its own settings. */
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();

    private static final String KAFKA = "kafka";

    private record Instance(ServiceSpec spec, Map<String, String> properties) {
    }

    private LocalStack(Builder b) {
        this.root = b.root.toAbsolutePath().normalize();
        this.stateDir = b.stateDir.toAbsolutePath().normalize();
        this.kafkaPort = b.kafkaPort;
        this.controllerPort = b.controllerPort;
        this.services = List.copyOf(b.services);
        this.extraProperties = Map.copyOf(b.extraProperties);
        this.extraEnvironment = Map.copyOf(b.extraEnvironment);
        this.freshDatabases = b.freshDatabases;
        this.extraKeyLines = List.copyOf(b.extraKeyLines);
    }

    public static Builder builder(Path root) {
        return new Builder(root);
    }

    public Path root() {
        return root;
    }

    public Path stateDir() {
        return stateDir;
    }

    public Path logsDir() {
        return stateDir.resolve("logs");
    }

    /** The stack's admin API key (plain, mode 600): the CLI and the services' own calls use it. */
    public Path apiKeyFile() {
        return stateDir.resolve("api-key");
    }

    /** The keys every service accepts, hashed: {@code <role> <sha256-hex> <name>} per line. */
    public Path apiKeysFile() {
        return stateDir.resolve("api-keys");
    }

    /** The admin key, creating it (and the hashed keys file) when the state folder has none yet. */
    public String apiKey() {
        ensureKeys();
        try {
            return Files.readString(apiKeyFile()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public List<ServiceSpec> services() {
        return services;
    }

    /** The base URL of a service, or of a further instance by the name {@link #startInstance} gave it. */
    public String url(String service) {
        Instance instance = instances.get(service);
        return "http://127.0.0.1:" + (instance != null ? instance.spec() : spec(service)).port();
    }

    /**
     * Starts whatever is not running yet: databases, broker, topics, then each service in order, waiting for each
     * to be ready. Progress lines go to {@code progress}.
     */
    public void start(Consumer<String> progress) {
        ensureKeys();
        progress.accept("API key (admin) in " + apiKeyFile() + "; services listen on 127.0.0.1 only");
        for (ServiceSpec s : services) {
            if (s.database() != null && freshDatabases) {
                databases.recreate(s.database());
            } else if (s.database() != null) {
                databases.ensure(s.database());
            }
        }
        progress.accept("PostgreSQL databases ready");
        if (pid("kafka").isEmpty()) {
            KafkaBroker broker = new KafkaBroker(stateDir.resolve("kafka"), kafkaPort, controllerPort)
                    .start(Duration.ofSeconds(90));
            writePid("kafka", broker.pid());
            broker.createTopics(Topics.partitions());
            progress.accept("Kafka broker ready on " + bootstrapServers() + " (pid " + broker.pid() + ")");
        } else {
            new KafkaBroker(stateDir.resolve("kafka"), kafkaPort, controllerPort).createTopics(Topics.partitions());
            progress.accept("Kafka broker already running on " + bootstrapServers());
        }
        for (ServiceSpec s : services) {
            // a process of this stack that is slow to answer (a loaded machine) is waited for, never doubled on its port
            if (pid(s.name()).isPresent() && QuarkusAppProcess.isReadyWithin(s.port(), Duration.ofSeconds(60))) {
                progress.accept(s.name() + " already running on port " + s.port());
                continue;
            }
            QuarkusAppProcess app = launch(s, s.name(), Map.of());
            progress.accept(s.name() + " ready at " + app.baseUrl() + " (pid " + app.pid() + ")");
        }
    }

    /**
     * Starts one process of the stack again, as it was configured: a service (same port, settings and database),
     * a further instance started by {@link #startInstance}, or {@code kafka} (same ports and data folder). For a
     * process that was killed or stopped; one still running is left as it is.
     */
    public void start(String name) {
        if (pid(name).isPresent()) {
            return;
        }
        if (name.equals(KAFKA)) {
            startBroker();
            return;
        }
        Instance instance = instances.get(name);
        if (instance != null) {
            launch(instance.spec(), name, instance.properties());
        } else {
            launch(spec(name), name, Map.of());
        }
    }

    /**
     * SIGKILL, as a crash would: the process (a service, an instance or {@code kafka}) and the processes it started
     * die at once, with no shutdown hook, no flush and no offset commit. Returns when they are gone.
     */
    public void kill(String name) {
        long pid = pid(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
        ProcessHandle.of(pid).ifPresent(process -> {
            List<ProcessHandle> descendants = process.descendants().toList();
            process.destroyForcibly(); // SIGKILL on Linux
            descendants.forEach(ProcessHandle::destroyForcibly);
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while killing " + name, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(name + " (pid " + pid + ") did not die from SIGKILL within 30 s", e);
            }
        });
    }

    /** Stops one process of the stack politely (SIGTERM, then SIGKILL after 20 s), as {@link #stop} does for all. */
    public void stop(String name) {
        pid(name).ifPresent(pid -> ChildProcesses.stop(pid, Duration.ofSeconds(20)));
    }

    /** Stops the Kafka broker (SIGTERM: it shuts down cleanly); its data folder and ports stay for {@link #startBroker}. */
    public void stopBroker() {
        stop(KAFKA);
    }

    /** Starts the broker on the stack's ports and data folder, waiting until it answers; topics are kept. */
    public void startBroker() {
        if (pid(KAFKA).isPresent()) {
            return;
        }
        KafkaBroker broker = new KafkaBroker(stateDir.resolve("kafka"), kafkaPort, controllerPort)
                .start(Duration.ofSeconds(90));
        writePid(KAFKA, broker.pid());
    }

    /**
     * Starts a further instance of a service on a free port, with the same settings (so the same consumer groups)
     * plus {@code properties}, and waits until it is ready. Returns its name ({@code <service>-<n>}): for
     * {@link #url}, {@link #kill}, {@link #start} and {@link #stop(String)}; {@link #stop} stops it with the rest.
     */
    public synchronized String startInstance(String service, Map<String, String> properties) {
        ServiceSpec base = spec(service);
        int n = 2;
        while (instances.containsKey(service + "-" + n)) {
            n++;
        }
        String name = service + "-" + n;
        Instance instance = new Instance(base.withPort(FreePorts.next()), Map.copyOf(properties));
        instances.put(name, instance);
        launch(instance.spec(), name, instance.properties());
        return name;
    }

    private ServiceSpec spec(String service) {
        return services.stream().filter(s -> s.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service named " + service));
    }

    private QuarkusAppProcess launch(ServiceSpec s, String processName, Map<String, String> overrides) {
        Path jar = root.resolve(s.module()).resolve("target/quarkus-app/quarkus-run.jar");
        Map<String, String> properties = propertiesFor(s);
        properties.putAll(overrides);
        QuarkusAppProcess app = QuarkusAppProcess.start(processName, jar, s.port(), properties, environment(s),
                logsDir().resolve(processName + ".log"), Duration.ofSeconds(120), jvmOptions(s), root);
        writePid(processName, app.pid());
        return app;
    }

    /** Stops every process of this stack, the entry point first and the broker last. */
    public void stop(Consumer<String> progress) {
        // further instances first (they may have been started by another JVM: found by their pid files)
        List<String> names = new ArrayList<>(furtherInstances());
        List<String> reversed = new ArrayList<>();
        services.forEach(s -> reversed.add(0, s.name()));
        names.addAll(reversed);
        // the services all at once, so the whole stop takes one grace period, not one per service (a test JVM is
        // killed 30 s after its last test, and a half-stopped stack would outlive it); the broker they use last
        List<Thread> stopping = new ArrayList<>();
        for (String name : names) {
            Thread t = new Thread(() -> stopOne(name, progress), "stop-" + name);
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopOne(KAFKA, progress);
    }

    private void stopOne(String name, Consumer<String> progress) {
        Optional<Long> pid = pid(name);
        if (pid.isPresent()) {
            ChildProcesses.stop(pid.get(), Duration.ofSeconds(20));
            progress.accept("stopped " + name + " (pid " + pid.get() + ")");
        }
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Name → running state of every process of the stack. */
    public Map<String, Boolean> status() {
        Map<String, Boolean> status = new LinkedHashMap<>();
        status.put("kafka", pid("kafka").isPresent());
        services.forEach(s -> status.put(s.name(), pid(s.name()).isPresent()
                && QuarkusAppProcess.isReadyWithin(s.port(), Duration.ofSeconds(10))));
        return status;
    }

    /**
     * Each service gets only the settings it reads: services validate their configuration namespace, so a
     * setting meant for another service would stop them at start.
     */
    private Map<String, String> propertiesFor(ServiceSpec s) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kafka.bootstrap.servers", bootstrapServers());
        // nobody else on the network: the stack is for this machine (docker-compose is for more)
        p.put("quarkus.http.host", "127.0.0.1");
        // the hashed keys every service accepts, and the plain key a service presents when it calls another
        p.put("evalwatch.auth.keys-file", apiKeysFile().toString());
        switch (s.name()) {
            case "task-service" -> {
                // the one service that calls another (sandbox-service's environments) presents the stack's key
                p.put("evalwatch.auth.client-key-file", apiKeyFile().toString());
                p.put("evalwatch.suites.dir", root.resolve("suites").toString());
                p.put("evalwatch.models.file", root.resolve("config/models.yaml").toString());
                p.put("evalwatch.monitors.file", root.resolve("config/monitors.yaml").toString());
            }
            case "generator-service" -> p.put("evalwatch.models.file", root.resolve("config/models.yaml").toString());
            case "model-simulator" -> {
                p.put("simulator.profiles-file", root.resolve("config/simulator.yaml").toString());
                p.put("simulator.suites-dir", root.resolve("suites").toString());
            }
            default -> {
            }
        }
        if (s.database() != null) {
            p.put("quarkus.datasource.jdbc.url", databases.jdbcUrl(s.database()));
            p.put("quarkus.datasource.username", databases.user());
        }
        p.putAll(extraProperties.getOrDefault(s.name(), Map.of()));
        return p;
    }

    /**
     * Small heaps so the whole stack fits a laptop. The generator measures latency, so it gets a concurrent
     * collector and full JIT: a stop-the-world pause would land in every TTFT measured during it. docker-compose.yml
     * uses the same options (cli's DockerComposeTest compares them).
     */
    public static List<String> jvmOptions(ServiceSpec s) {
        if (s.name().equals("generator-service")) {
            return List.of("-Xmx256m", "-XX:+UseZGC", "-Xss512k");
        }
        return List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");
    }

    /**
     * The services' environment. sandbox-service runs generated code, so it holds no secret: variables whose names
     * say key, secret, token or password are removed from its environment (null: removed, see QuarkusAppProcess),
     * whether they came from this stack or from the shell that started it.
     */
    private Map<String, String> environment(ServiceSpec s) {
        Map<String, String> env = environment();
        if (s.name().equals("sandbox-service")) {
            List<String> names = new ArrayList<>(env.keySet());
            names.addAll(System.getenv().keySet());
            names.stream().filter(n -> SECRET_NAME.matcher(n).find()).forEach(n -> env.put(n, null));
        }
        return env;
    }

    private static final java.util.regex.Pattern SECRET_NAME =
            java.util.regex.Pattern.compile("(?i)(KEY|SECRET|TOKEN|PASSWORD|CREDENTIAL)");

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        services.stream().filter(s -> s.name().equals("model-simulator")).findFirst()
                .ifPresent(sim -> env.put("EVALWATCH_SIMULATOR_URL", "http://127.0.0.1:" + sim.port()));
        services.forEach(s -> env.put("EVALWATCH_" + s.name().replace('-', '_').toUpperCase() + "_URL",
                "http://127.0.0.1:" + s.port()));
        env.putAll(extraEnvironment);
        return env;
    }

    /**
     * A fresh state folder gets an admin key (32 random bytes, base64url) readable by its owner only; the hashed keys
     * file is rewritten at every start from it, the builder's extra keys and {@code api-keys.extra} (hashed lines
     * someone added). No key reaches a log or the output.
     */
    private synchronized void ensureKeys() {
        try {
            Files.createDirectories(stateDir);
            Path keyFile = apiKeyFile();
            if (!Files.exists(keyFile)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Files.createFile(keyFile,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(keyFile, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
            }
            List<String> lines = new ArrayList<>();
            lines.add("# <role> <sha256-of-key> <name>, rewritten at each start; " + keyFile + " holds the admin key");
            lines.add("admin " + sha256Hex(Files.readString(keyFile).strip()) + " local-stack");
            lines.addAll(extraKeyLines);
            // keys someone added for the stack (./evalwatch keys create): kept apart, so this rewrite keeps them
            Path added = stateDir.resolve("api-keys.extra");
            if (Files.exists(added)) {
                lines.addAll(Files.readAllLines(added));
            }
            Files.write(apiKeysFile(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stack's API keys in " + stateDir, e);
        }
    }

    /** The SHA-256 of a key in hex, as service-security's keys file holds it. */
    public static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }

    /** Names of the processes with a pid file that are neither a configured service nor the broker. */
    private List<String> furtherInstances() {
        Path pids = stateDir.resolve("pids");
        if (!Files.isDirectory(pids)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pids)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".pid"))
                    .map(f -> f.substring(0, f.length() - ".pid".length()))
                    .filter(n -> !n.equals(KAFKA) && services.stream().noneMatch(s -> s.name().equals(n)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path pidFile(String name) {
        return stateDir.resolve("pids").resolve(name + ".pid");
    }

    private void writePid(String name, long pid) {
        try {
            Files.createDirectories(pidFile(name).getParent());
            Files.writeString(pidFile(name), Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process id of a running process of the stack (a service, an instance or {@code kafka}), if it runs. */
    public Optional<Long> pid(String name) {
        Path file = pidFile(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Where the stack runs: ports, state folder and extra settings for every service. */
    public static final class Builder {
        private final Path root;
        private Path stateDir;
        private int kafkaPort = 9092;
        private int controllerPort = 9094;
        private List<ServiceSpec> services = new ArrayList<>(ServiceSpec.defaults());
        private final Map<String, Map<String, String>> extraProperties = new LinkedHashMap<>();
        private final Map<String, String> extraEnvironment = new LinkedHashMap<>();
        private boolean freshDatabases;
        private final List<String> extraKeyLines = new ArrayList<>();

        private Builder(Path root) {
            this.root = root;
            this.stateDir = root.resolve(".evalwatch");
        }

        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        public Builder kafkaPorts(int broker, int controller) {
            this.kafkaPort = broker;
            this.controllerPort = controller;
            return this;
        }

        public Builder services(List<ServiceSpec> specs) {
            this.services = new ArrayList<>(specs);
            return this;
        }

        /** Free ports for everything and databases with a suffix: a stack that cannot collide with the default one. */
        public Builder isolated(String databaseSuffix) {
            List<Integer> ports = FreePorts.distinct(services.size() + 2);
            kafkaPorts(ports.get(0), ports.get(1));
            List<ServiceSpec> specs = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                ServiceSpec s = services.get(i);
                ServiceSpec moved = s.withPort(ports.get(i + 2));
                specs.add(s.database() == null ? moved : moved.withDatabase(s.database() + databaseSuffix));
            }
            this.services = specs;
            return this;
        }

        /** Drop and recreate the services' databases at start: a test stack that remembers nothing. */
        public Builder freshDatabases() {
            this.freshDatabases = true;
            return this;
        }

        /** A setting for one service (a system property of its JVM), overriding the stack's default. */
        public Builder property(String service, String key, String value) {
            extraProperties.computeIfAbsent(service, k -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        public Builder environment(String key, String value) {
            extraEnvironment.put(key, value);
            return this;
        }

        /** One more key every service accepts (hashed into the keys file; the plain key is not stored). */
        public Builder apiKey(String role, String key, String name) {
            extraKeyLines.add(role + " " + sha256Hex(key) + " " + name);
            return this;
        }

        public LocalStack build() {
            return new LocalStack(this);
        }
    }

}
