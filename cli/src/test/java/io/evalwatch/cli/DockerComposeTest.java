package io.evalwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.evalwatch.localstack.LocalStack;
import io.evalwatch.localstack.ServiceSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, as Debian's docker-compose reads it (no Docker engine needed): valid, and every file, jar,
 * port and JVM option it names matches the repository and the local stack.
 */
class DockerComposeTest {

    private static final Path ROOT = Path.of(System.getProperty("evalwatch.root", "..")).toAbsolutePath().normalize();
    /** Where docker-compose.yml mounts the repository in the service containers. */
    private static final String MOUNT = "/evalwatch/";

    /** docker-compose config's output: anchors merged, paths absolute, ports spelled out. */
    private static JsonNode config;

    @BeforeAll
    static void resolve() throws Exception {
        Path binary = java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "docker-compose")).filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            fail("docker-compose is not installed, so docker-compose.yml cannot be validated. Install it with:"
                    + " apt-get install docker-compose (.ci/run does; no Docker engine is needed)");
        }
        Process process = new ProcessBuilder(binary.toString(), "--no-ansi", "config")
                .directory(ROOT.toFile()).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker-compose config did not finish");
        assertEquals(0, process.exitValue(), "docker-compose config rejects docker-compose.yml:\n" + err);
        config = new ObjectMapper(new YAMLFactory()).readTree(out);
    }

    private static JsonNode services() {
        return config.path("services");
    }

    /** The evalwatch applications: the services whose command runs a Quarkus jar. */
    private static Map<String, List<String>> javaCommands() {
        Map<String, List<String>> commands = new HashMap<>();
        services().fields().forEachRemaining(e -> {
            List<String> command = new ArrayList<>();
            e.getValue().path("command").forEach(c -> command.add(c.asText()));
            if (!command.isEmpty() && command.get(0).equals("java")) {
                commands.put(e.getKey(), command);
            }
        });
        return commands;
    }

    @Test
    void everyMountedOrBuiltFileExists() {
        List<String> missing = new ArrayList<>();
        services().fields().forEachRemaining(e -> {
            for (JsonNode volume : e.getValue().path("volumes")) {
                String source = volume.asText().split(":")[0];
                // the state folder .evalwatch/ is made by ./evalwatch keys init on the machine that runs it
                if (source.startsWith("/") && !Files.exists(Path.of(source))
                        && !Path.of(source).startsWith(ROOT.resolve(".evalwatch"))) {
                    missing.add(e.getKey() + " mounts " + source);
                }
            }
            JsonNode build = e.getValue().path("build");
            if (!build.isMissingNode()) {
                Path context = Path.of(build.path("context").asText());
                if (!Files.isRegularFile(context.resolve(build.path("dockerfile").asText("Dockerfile")))) {
                    missing.add(e.getKey() + " builds from " + context.resolve(build.path("dockerfile").asText()));
                }
            }
            // paths inside the repository's mount: configuration, suites, the healthcheck script; not the state
            // folder .evalwatch/, whose keys ./evalwatch keys init (or up) creates on the machine that runs it
            Matcher inRepo = Pattern.compile("(?<![\\w./-])" + Pattern.quote(MOUNT) + "[\\w./-]+")
                    .matcher(e.getValue().toString());
            while (inRepo.find()) {
                if (!inRepo.group().startsWith(MOUNT + ".evalwatch") && !Files.exists(ROOT.resolve(inRepo.group().substring(MOUNT.length())))) {
                    missing.add(e.getKey() + " names " + inRepo.group());
                }
            }
        });
        assertTrue(missing.isEmpty(), "not in the repository: " + missing);
    }

    @Test
    void everyServiceOfTheLocalStackRunsItsModulesJarOnItsPortWithItsJvmOptions() throws IOException {
        Map<String, List<String>> commands = javaCommands();
        for (ServiceSpec spec : ServiceSpec.defaults()) {
            List<String> command = commands.remove(spec.name());
            assertTrue(command != null, spec.name() + " is not in docker-compose.yml");
            assertTrue(Files.isRegularFile(ROOT.resolve(spec.module()).resolve("pom.xml")), spec.module());
            assertEquals(spec.module() + "/target/quarkus-app/quarkus-run.jar", command.get(command.size() - 1),
                    spec.name() + " runs another module's jar: " + command);
            List<String> jvmOptions = LocalStack.jvmOptions(spec);
            assertEquals(jvmOptions, command.subList(1, 1 + jvmOptions.size()),
                    spec.name() + ": the JVM options differ from the local stack's");

            Properties properties = new Properties();
            try (var in = Files.newBufferedReader(ROOT.resolve(spec.module())
                    .resolve("src/main/resources/application.properties"))) {
                properties.load(in);
            }
            int port = Integer.parseInt(properties.getProperty("quarkus.http.port"));
            assertEquals(spec.port(), port, spec.name() + "'s application.properties");
            JsonNode service = services().path(spec.name());
            assertEquals(port, service.path("ports").get(0).path("target").asInt(), spec.name() + "'s port");
            assertEquals(List.of("CMD", "bash", "/evalwatch/docker/healthcheck.sh", Integer.toString(port)),
                    texts(service.path("healthcheck").path("test")), spec.name() + "'s healthcheck");
            assertEquals("http://sandbox-service:8083", service.path("environment")
                    .path("EVALWATCH_SANDBOX_SERVICE_URL").asText(), spec.name() + " must reach sandbox-service");
        }
        assertTrue(commands.isEmpty(), "services the local stack does not run: " + commands.keySet());
    }

    @Test
    void portsAreUniqueAndEveryServiceHasAHealthcheck() {
        Map<Integer, String> published = new HashMap<>();
        services().fields().forEachRemaining(e -> {
            for (JsonNode port : e.getValue().path("ports")) {
                String other = published.put(port.path("published").asInt(), e.getKey());
                assertTrue(other == null, "port " + port.path("published").asInt() + " is published by both "
                        + other + " and " + e.getKey());
            }
            assertFalse(e.getValue().path("healthcheck").path("test").isEmpty(), e.getKey() + " has no healthcheck");
            // whatever a service waits for must be able to become healthy
            e.getValue().path("depends_on").fields().forEachRemaining(d -> {
                assertEquals("service_healthy", d.getValue().path("condition").asText(), e.getKey() + " -> "
                        + d.getKey());
                assertFalse(services().path(d.getKey()).path("healthcheck").isMissingNode(), d.getKey());
            });
        });
        assertTrue(published.size() >= 11, published.toString());
    }

    @Test
    void theSandboxChecksCallersWithTheHashedKeysAndSeesNoPlainKey() {
        JsonNode sandbox = services().path("sandbox-service");
        String keysFile = sandbox.path("environment").path("EVALWATCH_AUTH_KEYS_FILE").asText();
        List<String> mounts = new ArrayList<>();
        sandbox.path("volumes").forEach(v -> mounts.add(v.asText()));
        assertTrue(mounts.contains(ROOT.resolve(".evalwatch/api-keys") + ":" + keysFile + ":ro"),
                "its keys file " + keysFile + " is the stack's hashed keys, read-only: " + mounts);
        assertFalse(keysFile.startsWith(MOUNT + ".evalwatch"), keysFile);
        List<String> tmpfs = new ArrayList<>();
        sandbox.path("tmpfs").forEach(t -> tmpfs.add(t.asText()));
        assertTrue(tmpfs.contains(MOUNT + ".evalwatch"), "the state folder, with the plain admin key, is hidden: "
                + tmpfs);
    }

    @Test
    void theSandboxImageHasWhatEveryTaskLanguageNeeds() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("docker/sandbox.Dockerfile"));
        assertTrue(dockerfile.contains("FROM eclipse-temurin:17-jdk"), "Java tasks are compiled with javac: a JDK");
        for (String p : List.of("bubblewrap", "util-linux", "python3", "python3-pyflakes", "python3-mccabe",
                "python3-bandit", "mypy", "python3-numpy", "python3-pip", "nodejs", "npm", "maven")) {
            assertTrue(Pattern.compile("\\s" + Pattern.quote(p) + "\\s").matcher(dockerfile).find(), p);
        }
        JsonNode sandbox = services().path("sandbox-service");
        String cache = sandbox.path("environment").path("EVALWATCH_SANDBOX_ENVIRONMENTS_DIR").asText();
        assertFalse(cache.isEmpty(), "the environment cache's folder");
        assertTrue(texts(sandbox.path("volumes")).stream().anyMatch(v -> v.startsWith("environments:" + cache)),
                "the environment cache is a named volume: " + sandbox.path("volumes"));
        assertTrue(config.path("volumes").has("environments"));
    }

    @Test
    void grafanaIsProvisionedWithTheDashboards() throws IOException {
        JsonNode grafana = services().path("grafana");
        assertTrue(texts(grafana.path("volumes")).contains(ROOT.resolve("grafana/provisioning")
                + ":/etc/grafana/provisioning:ro"), grafana.path("volumes").toString());
        try (var dashboards = Files.list(ROOT.resolve("grafana/provisioning/dashboards/json"))) {
            assertTrue(dashboards.anyMatch(p -> p.toString().endsWith(".json")), "dashboards to provision");
        }
        assertTrue(Files.readString(ROOT.resolve("grafana/provisioning/dashboards/evalwatch.yml"))
                .contains("path: /etc/grafana/provisioning/dashboards/json"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
