package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIGURATION.md against the code: per module, every key of its {@code @ConfigMapping} interfaces (read
 * reflectively: kebab-case method names, nested interfaces as path segments, a map as {@code *}, {@code @WithName},
 * {@code @WithDefault}) and every {@code evalwatch.*}/{@code simulator.*} key its application.properties sets
 * (profile lines such as {@code %test.} aside) is documented in the module's section with its default: the value
 * application.properties gives (the default of a {@code ${ENV:default}}), else {@code @WithDefault}, else none
 * ({@code —}). A documented key that no longer exists fails too.
 */
class ConfigurationReferenceTest {

    static final Path ROOT = Path.of(System.getProperty("evalwatch.root", "..")).toAbsolutePath().normalize();
    static final Path REFERENCE = ROOT.resolve("docs/CONFIGURATION.md");
    static final String NONE = "—";

    /** A documented row: {@code | `key` | `default` or — | meaning |}. */
    static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|\\s*(`([^`]*)`|—)\\s*\\|(.*)\\|\\s*$");
    static final Pattern ENV_DEFAULT = Pattern.compile("^\\$\\{[A-Z0-9_]+:(.*)}$");

    @Test
    void everyKeyIsDocumentedWithItsDefaultAndNothingElse() throws Exception {
        Map<String, Map<String, String>> documented = documented();
        List<String> modules = modules();
        List<String> problems = new ArrayList<>();
        for (String module : modules) {
            Map<String, String> actual = new TreeMap<>();
            for (Class<?> mapping : mappings(module)) {
                String prefix = mapping.getAnnotation(io.smallrye.config.ConfigMapping.class).prefix();
                walk(prefix, mapping, actual);
            }
            actual.putAll(properties(module));
            Map<String, String> docs = documented.getOrDefault(module, Map.of());
            actual.forEach((key, value) -> {
                String expected = value == null ? NONE : value;
                if (!docs.containsKey(key)) {
                    problems.add(module + ": " + key + " (default " + expected + ") is missing from "
                            + "docs/CONFIGURATION.md");
                } else if (!docs.get(key).equals(expected)) {
                    problems.add(module + ": " + key + " is documented with default " + docs.get(key)
                            + " but it is " + expected);
                }
            });
            docs.keySet().stream().filter(key -> !actual.containsKey(key))
                    .forEach(key -> problems.add(module + ": " + key + " is documented but no longer exists"));
        }
        documented.keySet().stream().filter(module -> !modules.contains(module))
                .forEach(module -> problems.add("docs/CONFIGURATION.md has a section for " + module
                        + ", which has no configuration"));
        assertTrue(problems.isEmpty(), () -> "docs/CONFIGURATION.md is out of date:\n" + String.join("\n", problems));
    }

    /** The walk itself: a nested group, a map of groups, @WithName and @WithDefault. */
    @Test
    void theWalkReadsNamesDefaultsGroupsAndMaps() {
        Map<String, String> keys = new TreeMap<>();
        walk("p", Sample.class, keys);
        assertEquals(Set.of("p.plain-value", "p.renamed", "p.optional-thing", "p.group.deep-key", "p.per.*.limit-mb"),
                keys.keySet());
        assertEquals("7", keys.get("p.plain-value"));
        assertEquals("x", keys.get("p.renamed"));
        assertNull(keys.get("p.optional-thing"));
        assertEquals("1", keys.get("p.group.deep-key"));
        assertEquals("2", keys.get("p.per.*.limit-mb"));
    }

    interface Sample {
        @WithDefault("7")
        int plainValue();

        @WithName("renamed")
        @WithDefault("x")
        String original();

        java.util.Optional<String> optionalThing();

        Group group();

        Map<String, Group2> per();

        interface Group {
            @WithDefault("1")
            int deepKey();
        }

        interface Group2 {
            @WithDefault("2")
            int limitMb();
        }
    }

    /** Adds the keys of a mapping interface under path, each with its @WithDefault (null when none). */
    static void walk(String path, Class<?> type, Map<String, String> keys) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.isSynthetic()) {
                continue;
            }
            WithName name = method.getAnnotation(WithName.class);
            String key = method.isAnnotationPresent(WithParentName.class) ? path
                    : path + "." + (name != null ? name.value() : kebab(method.getName()));
            Class<?> returned = method.getReturnType();
            if (isGroup(returned)) {
                walk(key, returned, keys);
            } else if (Map.class.equals(returned)
                    && ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[1]
                            instanceof Class<?> value && isGroup(value)) {
                walk(key + ".*", value, keys);
            } else {
                WithDefault value = method.getAnnotation(WithDefault.class);
                keys.put(Map.class.equals(returned) ? key + ".*" : key, value == null ? null : value.value());
            }
        }
    }

    static boolean isGroup(Class<?> type) {
        return type.isInterface() && type.getName().startsWith("io.evalwatch.");
    }

    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** Modules with a @ConfigMapping interface or application.properties. */
    static List<String> modules() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("src/main/resources/application.properties"))
                    || !sources(dir).isEmpty()).map(dir -> dir.getFileName().toString()).sorted().toList();
        }
    }

    /** The module's @ConfigMapping interfaces, found in its sources and loaded from the test classpath. */
    static List<Class<?>> mappings(String module) {
        List<Class<?>> classes = new ArrayList<>();
        Path java = ROOT.resolve(module).resolve("src/main/java");
        for (Path source : sources(ROOT.resolve(module))) {
            String name = java.relativize(source).toString().replace('/', '.').replaceAll("\\.java$", "");
            try {
                classes.add(Class.forName(name, false, ConfigurationReferenceTest.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new AssertionError(name + " is not on the test classpath: add " + module
                        + " to e2e-tests' test dependencies (jar, every dependency excluded)", e);
            }
        }
        return classes;
    }

    static List<Path> sources(Path module) {
        Path java = module.resolve("src/main/java");
        if (!Files.isDirectory(java)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(java)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains("@ConfigMapping(");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** evalwatch.* and simulator.* keys application.properties sets, with the value it sets. */
    static Map<String, String> properties(String module) throws IOException {
        Path file = ROOT.resolve(module).resolve("src/main/resources/application.properties");
        Map<String, String> keys = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return keys;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("evalwatch.") || key.startsWith("simulator.")) {
                String value = properties.getProperty(key);
                Matcher env = ENV_DEFAULT.matcher(value);
                keys.put(key, env.matches() ? env.group(1) : value);
            }
        }
        return keys;
    }

    /** Per module section ({@code ## module}), each documented key with its default ({@code —} for none). */
    static Map<String, Map<String, String>> documented() throws IOException {
        assertTrue(Files.isRegularFile(REFERENCE), REFERENCE + " is missing");
        Map<String, Map<String, String>> sections = new TreeMap<>();
        Map<String, String> current = null;
        for (String line : Files.readAllLines(REFERENCE)) {
            if (line.startsWith("## ")) {
                current = sections.computeIfAbsent(line.substring(3).trim(), s -> new TreeMap<>());
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (row.matches() && current != null) {
                current.put(row.group(1), row.group(3) == null ? NONE : row.group(3));
            }
        }
        return sections;
    }
}
