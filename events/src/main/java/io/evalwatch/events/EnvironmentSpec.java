package io.evalwatch.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The libraries a suite's (or a task's) code may use in the sandbox, as declared in suite.yaml under
 * {@code environment:}. What is declared is not yet what runs: sandbox-service resolves a spec to exact versions and
 * hashes (the lock), builds it once, and keys the built environment by the lock's hash ({@link EnvironmentRef}).
 *
 * @param python Python packages, or null
 * @param node npm packages, or null
 * @param java Maven artifacts, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentSpec(Python python, Node node, Java java) {

    /**
     * @param source {@code debian} (the distribution's python3-* packages), {@code wheelhouse} (a local folder of
     *        wheels) or {@code index} (a package index URL); default {@code debian}
     * @param packages requirement strings: {@code numpy}, {@code numpy==1.26.4}; for debian, the import name or the
     *        Debian package name ({@code python3-numpy})
     * @param preload modules the fork server imports once per (slot, environment), so a run does not pay for them
     * @param wheelhouse folder of wheels, for source wheelhouse
     * @param indexUrl package index, for source index
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Python(String source, List<String> packages, List<String> preload, String wheelhouse,
            @JsonProperty("index_url") String indexUrl) {
        public static final String DEBIAN = "debian";
        public static final String WHEELHOUSE = "wheelhouse";
        public static final String INDEX = "index";

        public Python {
            source = source == null || source.isBlank() ? DEBIAN : source;
            packages = packages == null ? List.of() : List.copyOf(packages);
            preload = preload == null ? List.of() : List.copyOf(preload);
        }
    }

    /**
     * @param packages npm package name to exact version or range ({@code left-pad: 1.3.0})
     * @param registry npm registry URL, null for npm's configured one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Node(Map<String, String> packages, String registry) {
        public Node {
            packages = packages == null ? Map.of() : new TreeMap<>(packages);
        }
    }

    /**
     * @param artifacts Maven coordinates {@code groupId:artifactId:version}, resolved with their runtime
     *        dependencies onto the compile and run classpath
     * @param repository a Maven repository URL, null for Maven's configured ones
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Java(List<String> artifacts, String repository) {
        public Java {
            artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
        }
    }

    /** True when nothing is declared: the plain sandbox. */
    @JsonIgnore
    public boolean empty() {
        return (python == null || python.packages().isEmpty())
                && (node == null || node.packages().isEmpty())
                && (java == null || java.artifacts().isEmpty());
    }

    /**
     * Hash of the declaration (16 hex digits): the key under which a build is in progress and under which the
     * resolved lock is cached until a refresh. Two specs that say the same thing hash the same.
     */
    public String specHash() {
        StringBuilder text = new StringBuilder();
        if (python != null) {
            text.append("python\u0000").append(python.source()).append('\u0000')
                    .append(String.join(",", python.packages().stream().sorted().toList())).append('\u0000')
                    .append(String.join(",", python.preload())).append('\u0000')
                    .append(python.wheelhouse()).append('\u0000').append(python.indexUrl()).append('\n');
        }
        if (node != null) {
            text.append("node\u0000").append(node.packages()).append('\u0000').append(node.registry()).append('\n');
        }
        if (java != null) {
            text.append("java\u0000").append(String.join(",", java.artifacts().stream().sorted().toList()))
                    .append('\u0000').append(java.repository()).append('\n');
        }
        return sha256(text.toString()).substring(0, 16);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }
}
