package io.evalwatch.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The keys this service accepts, hashed at rest: a presented key is hashed and compared with every configured hash
 * in constant time, so neither the key nor how much of it matched leaks. Keys never reach a log line.
 */
@ApplicationScoped
@Startup
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    /** One accepted key: its role, its SHA-256 and a name for logs. */
    public record Entry(Role role, byte[] sha256, String name) {
    }

    private final List<Entry> entries;

    public ApiKeys(AuthConfig config) {
        List<Entry> loaded = new ArrayList<>();
        config.keys().ifPresent(list -> list.forEach(k -> loaded.add(inline(k))));
        config.keysFile().filter(f -> !f.isBlank()).ifPresent(f -> loaded.addAll(readFile(Path.of(f))));
        this.entries = List.copyOf(loaded);
        if (!config.enabled()) {
            LOG.warn("evalwatch.auth.enabled=false: this service's REST API accepts every request without a key");
        } else if (entries.isEmpty()) {
            LOG.warn("no API key is configured: every request to this service's API will be refused with 401."
                    + " Create one with `evalwatch keys create --role operator` and give the service its hashed line"
                    + " through evalwatch.auth.keys-file (EVALWATCH_AUTH_KEYS_FILE) or evalwatch.auth.keys");
        } else {
            LOG.infof("%d API key(s) accepted (%s)", entries.size(),
                    String.join(", ", entries.stream().map(e -> e.name() + ": " + e.role().label()).toList()));
        }
    }

    /** The role of a presented key; empty when it is not one of ours. */
    public Optional<Role> roleOf(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented);
        Role found = null;
        for (Entry e : entries) { // no early exit: every request costs the same whichever key it matched
            if (MessageDigest.isEqual(hash, e.sha256()) && (found == null || e.role().includes(found))) {
                found = e.role();
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean none() {
        return entries.isEmpty();
    }

    /** The SHA-256 of a key as the keys file holds it. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }

    private static Entry inline(String roleColonHash) {
        int colon = roleColonHash.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("evalwatch.auth.keys: expected role:sha256hex, got an entry without ':'");
        }
        return entry(roleColonHash.substring(0, colon), roleColonHash.substring(colon + 1), "key", "evalwatch.auth.keys");
    }

    static List<Entry> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API keys file " + file, e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            if (parts.length < 2) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected <role> <sha256-hex> [name]");
            }
            entries.add(entry(parts[0], parts[1], parts.length == 3 ? parts[2] : "line " + (i + 1),
                    file + " line " + (i + 1)));
        }
        return entries;
    }

    private static Entry entry(String role, String hex, String name, String where) {
        Role parsed;
        try {
            parsed = Role.parse(role);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": unknown role '" + role + "' (viewer, operator or admin)");
        }
        String h = hex.strip();
        if (!h.matches("[0-9a-fA-F]{64}")) {
            // the value is not echoed: a plain key pasted here by mistake must not reach the log
            throw new IllegalArgumentException(where + ": expected the SHA-256 of the key as 64 hex digits,"
                    + " not the key itself (printf %s KEY | sha256sum)");
        }
        return new Entry(parsed, HexFormat.of().parseHex(h.toLowerCase()), name);
    }
}
