package io.evalwatch.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * {@code evalwatch.auth.*}: who may call this service's REST API. Keys are only ever configured hashed (SHA-256,
 * hex); the one plain key a service holds is its own outgoing {@code client-key}, from the environment
 * ({@code EVALWATCH_AUTH_CLIENT_KEY}) or a file.
 */
@ConfigMapping(prefix = "evalwatch.auth")
public interface AuthConfig {

    /** Off only for tests and a service reachable by nobody else. */
    @WithDefault("true")
    boolean enabled();

    /** GET and HEAD without a key. */
    @WithDefault("false")
    boolean openReads();

    /** A file of lines {@code <role> <sha256-hex-of-key> [name]}; blank lines and {@code #} comments ignored. */
    Optional<String> keysFile();

    /** Keys inline, as {@code role:sha256hex}. */
    Optional<List<String>> keys();

    /** The key this service sends when it calls another evalwatch service. */
    Optional<String> clientKey();

    /** A file holding that key (the local stack's {@code api-key}); used when {@code client-key} is not set. */
    Optional<String> clientKeyFile();
}
