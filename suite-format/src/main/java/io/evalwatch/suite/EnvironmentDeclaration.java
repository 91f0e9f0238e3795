package io.evalwatch.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.events.EnvironmentSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an {@code environment:} mapping (in suite.yaml, or in a task file where one task needs something else) into
 * an {@link EnvironmentSpec}, naming every problem with its place and field. It checks what can be checked without
 * resolving anything; whether the packages exist is sandbox-service's to find out when it builds the environment.
 */
final class EnvironmentDeclaration {

    static final Set<String> PARTS = Set.of("python", "node", "java");
    static final Set<String> PYTHON_SOURCES = Set.of(EnvironmentSpec.Python.DEBIAN, EnvironmentSpec.Python.WHEELHOUSE,
            EnvironmentSpec.Python.INDEX);
    /** groupId:artifactId:version, optionally with a packaging or classifier in between as Maven writes them. */
    static final Pattern MAVEN_COORDINATE = Pattern.compile("[\\w.-]+:[\\w.-]+(:[\\w.-]+){1,3}");
    static final Pattern PYTHON_REQUIREMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(\\[[\\w,.-]+])?"
            + "\\s*((==|>=|<=|~=|!=|>|<)\\s*[\\w.*+!-]+\\s*,?\\s*)*");
    static final Pattern NPM_NAME = Pattern.compile("(@[a-z0-9][\\w.-]*/)?[a-z0-9][\\w.-]*");

    private EnvironmentDeclaration() {
    }

    /** A place in the file: the pointer that locates it and the field path messages name. */
    private record Where(String pointer, String name) {
        Where child(String field) {
            return new Where(pointer + "/" + field, name + "." + field);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The problems of one file, added at the place they concern. */
    private record Problems(FileProblems file) {
        void add(Where where, String message) {
            file.add(where.pointer(), message);
        }
    }

    /** The declared environment at pointer (/environment), or null when absent; problems go to the file's. */
    static EnvironmentSpec read(String pointer, JsonNode node, FileProblems fileProblems) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        Where where = new Where(pointer, "environment");
        Problems problems = new Problems(fileProblems);
        if (!node.isObject()) {
            problems.add(where, where + " must be a mapping with any of " + PARTS);
            return null;
        }
        unknownFields(where, node, PARTS, problems);
        EnvironmentSpec spec = new EnvironmentSpec(python(where.child("python"), node.get("python"), problems),
                node(where.child("node"), node.get("node"), problems),
                java(where.child("java"), node.get("java"), problems));
        if (spec.empty()) {
            problems.add(where, where + " declares no package; remove it or list packages under python, node or"
                    + " java");
        }
        return spec;
    }

    private static EnvironmentSpec.Python python(Where where, JsonNode node, Problems problems) {
        if (!mapping(where, node, problems)) {
            return null;
        }
        unknownFields(where, node, Set.of("source", "packages", "preload", "wheelhouse", "index_url"), problems);
        String source = text(node, "source", EnvironmentSpec.Python.DEBIAN);
        if (!PYTHON_SOURCES.contains(source)) {
            problems.add(where.child("source"), where + ".source '" + source + "' is not one of " + PYTHON_SOURCES
                    + " (debian: the distribution's python3-* packages; wheelhouse: a folder of wheels;"
                    + " index: a package index URL)");
        }
        List<String> packages = strings(where.child("packages"), node.get("packages"), problems);
        packages.stream().filter(p -> !PYTHON_REQUIREMENT.matcher(p).matches()).forEach(p -> problems.add(
                where.child("packages"), where + ".packages: '" + p + "' is not a requirement such as numpy or"
                        + " numpy==1.26.4"));
        List<String> preload = strings(where.child("preload"), node.get("preload"), problems);
        String wheelhouse = text(node, "wheelhouse", null);
        String indexUrl = text(node, "index_url", null);
        if (source.equals(EnvironmentSpec.Python.WHEELHOUSE) && (wheelhouse == null || wheelhouse.isBlank())) {
            problems.add(where, where + ".wheelhouse is required with source wheelhouse: the folder holding the"
                    + " wheels");
        }
        if (source.equals(EnvironmentSpec.Python.INDEX) && (indexUrl == null || !indexUrl.matches("https?://.+"))) {
            problems.add(where, where + ".index_url is required with source index: an http(s) URL of a package"
                    + " index");
        }
        return new EnvironmentSpec.Python(source, packages, preload, wheelhouse, indexUrl);
    }

    private static EnvironmentSpec.Node node(Where where, JsonNode node, Problems problems) {
        if (!mapping(where, node, problems)) {
            return null;
        }
        unknownFields(where, node, Set.of("packages", "registry"), problems);
        Map<String, String> packages = new LinkedHashMap<>();
        JsonNode declared = node.get("packages");
        if (declared == null || !declared.isObject()) {
            problems.add(where.child("packages"), where + ".packages must be a mapping of npm package name to"
                    + " version (left-pad: 1.3.0)");
        } else {
            declared.fields().forEachRemaining(e -> {
                if (!NPM_NAME.matcher(e.getKey()).matches()) {
                    problems.add(where.child("packages"), where + ".packages: '" + e.getKey()
                            + "' is not an npm package name");
                }
                if (!e.getValue().isValueNode() || e.getValue().asText().isBlank()) {
                    problems.add(where.child("packages"), where + ".packages." + e.getKey()
                            + " needs a version (for example 1.3.0)");
                }
                packages.put(e.getKey(), e.getValue().asText());
            });
        }
        return new EnvironmentSpec.Node(packages, text(node, "registry", null));
    }

    private static EnvironmentSpec.Java java(Where where, JsonNode node, Problems problems) {
        if (!mapping(where, node, problems)) {
            return null;
        }
        unknownFields(where, node, Set.of("artifacts", "repository"), problems);
        List<String> artifacts = strings(where.child("artifacts"), node.get("artifacts"), problems);
        artifacts.stream().filter(a -> !MAVEN_COORDINATE.matcher(a).matches()).forEach(a -> problems.add(
                where.child("artifacts"), where + ".artifacts: '" + a + "' is not a Maven coordinate"
                        + " groupId:artifactId:version"));
        return new EnvironmentSpec.Java(artifacts, text(node, "repository", null));
    }

    private static boolean mapping(Where where, JsonNode node, Problems problems) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            problems.add(where, where + " must be a mapping");
            return false;
        }
        return true;
    }

    private static List<String> strings(Where where, JsonNode node, Problems problems) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            problems.add(where, where + " must be a list");
            return values;
        }
        node.forEach(v -> {
            if (!v.isValueNode() || v.asText().isBlank()) {
                problems.add(where, where + " holds an empty or non-text entry");
            } else {
                values.add(v.asText().trim());
            }
        });
        return values;
    }

    private static void unknownFields(Where where, JsonNode node, Set<String> known, Problems problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(where.child(name), where + ": unknown field '" + name + "'; known fields: " + known);
            }
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
