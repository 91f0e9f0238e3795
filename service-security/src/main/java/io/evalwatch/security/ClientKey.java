package io.evalwatch.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The key this service presents when it calls another evalwatch service ({@code evalwatch.auth.client-key}, else
 * the file {@code evalwatch.auth.client-key-file}). Read once; never logged.
 */
@ApplicationScoped
public class ClientKey {

    private final Optional<String> key;

    @Inject
    public ClientKey(AuthConfig config) {
        Optional<String> inline = config.clientKey().filter(k -> !k.isBlank());
        this.key = inline.isPresent() ? inline : config.clientKeyFile().filter(f -> !f.isBlank()).map(ClientKey::read);
    }

    private ClientKey(Optional<String> key) {
        this.key = key;
    }

    /** No key: for callers built outside CDI (tests) and services that talk to nobody. */
    public static ClientKey none() {
        return new ClientKey(Optional.empty());
    }

    /** A given key, for callers built outside CDI (tests). */
    public static ClientKey of(String key) {
        return new ClientKey(Optional.of(key));
    }

    /** The request with {@code Authorization: Bearer} added when this service has a key. */
    public HttpRequest.Builder authorize(HttpRequest.Builder request) {
        key.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        return request;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the client key file " + file, e);
        }
    }
}
