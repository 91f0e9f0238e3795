package io.evalwatch.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) in a child JVM, started from the
 * Kafka jars Maven resolved for this module. Storage is formatted on first start and kept under {@code dataDir}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "/kafka-broker.classpath";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private Process process;
    /** How long an admin call (listing, creating topics) may take; see {@link #start}. */
    private Duration adminPatience = Duration.ofSeconds(30);

    public KafkaBroker(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    /**
     * Formats storage if needed, starts the broker and waits until it answers metadata requests. The timeout also
     * sets how long later admin calls may take (a third of it, at least 30 s): a host slow to start the broker (an
     * emulated test VM) answers slowly afterwards too.
     */
    public KafkaBroker start(Duration timeout) {
        Duration third = timeout.dividedBy(3);
        adminPatience = third.compareTo(adminPatience) > 0 ? third : adminPatience;
        try {
            Files.createDirectories(dataDir);
            Path config = writeConfig();
            if (!Files.exists(logsDir().resolve("meta.properties"))) {
                format(config);
            }
            List<String> command = javaCommand("-Xmx384m", "-Xms64m", "kafka.Kafka", config.toString());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            Files.writeString(dataDir.resolve("broker.pid"), Long.toString(process.pid()));
            awaitReady(timeout);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker in " + dataDir, e);
        }
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Creates the missing topics with the given partition counts; existing topics are left as they are. */
    public void createTopics(Map<String, Integer> partitions) {
        Properties config = adminConfig();
        config.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(adminPatience.toMillis() / 3));
        config.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(adminPatience.toMillis()));
        long wait = adminPatience.toSeconds() + 5;
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(wait, TimeUnit.SECONDS);
            List<NewTopic> missing = partitions.entrySet().stream()
                    .filter(e -> !existing.contains(e.getKey()))
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(wait, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not create topics on " + bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            ChildProcesses.stop(process.toHandle(), Duration.ofSeconds(20));
        }
    }

    private Path logsDir() {
        return dataDir.resolve("kraft-logs");
    }

    private Path writeConfig() throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logsDir().toString());
        p.setProperty("num.partitions", "6");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.retention.hours", "168");
        // a task's dense tests travel in its events; the services' producers send up to the same size
        p.setProperty("message.max.bytes", "16777216");
        Path config = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "written by evalwatch local-stack");
        }
        return config;
    }

    private void format(Path config) throws IOException {
        String clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        List<String> command = javaCommand("-Xmx128m", "kafka.tools.StorageTool", "format",
                "-t", clusterId, "-c", config.toString(), "--ignore-formatted");
        Process format = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = readAll(format.getInputStream());
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue()
                        + "; see " + logFile());
            }
            try (Admin admin = Admin.create(adminConfig())) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                sleep(250);
            }
        }
        close();
        throw new IllegalStateException("the Kafka broker did not become ready within " + timeout + " (see "
                + logFile() + "): " + (last == null ? "" : last.getMessage()));
    }

    private Properties adminConfig() {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return p;
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(brokerClasspath());
        command.addAll(List.of(args));
        return command;
    }

    static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build local-stack with Maven first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
