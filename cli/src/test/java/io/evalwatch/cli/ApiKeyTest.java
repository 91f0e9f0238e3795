package io.evalwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyTest {

    @TempDir
    Path dir;

    @Test
    void theEnvironmentComesFirstThenTheNamedFileThenTheStacksFile() throws Exception {
        Path named = Files.writeString(dir.resolve("named"), "from-file\n");
        Path stack = Files.writeString(dir.resolve("api-key"), "from-stack\n");

        assertEquals(Optional.of("inline"), ApiKey.resolve(
                Map.of("EVALWATCH_API_KEY", "inline", "EVALWATCH_API_KEY_FILE", named.toString()), stack));
        assertEquals(Optional.of("from-file"), ApiKey.resolve(Map.of("EVALWATCH_API_KEY_FILE", named.toString()), stack));
        assertEquals(Optional.of("from-stack"), ApiKey.resolve(Map.of(), stack));
        assertEquals(Optional.empty(), ApiKey.resolve(Map.of(), dir.resolve("none")));
    }

    @Test
    void aKeyTravelsAsABearerToken() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/api/runs")).GET().build();
        assertEquals(Optional.of("Bearer k1"),
                ApiKey.authorize(request, Optional.of("k1")).headers().firstValue("Authorization"));
        assertTrue(ApiKey.authorize(request, Optional.empty()).headers().firstValue("Authorization").isEmpty());
    }

    @Test
    void aCreatedKeysLineHoldsTheHashNotTheKey() {
        String line = KeysCommand.Create.line("operator", "the-key", "ci runner");
        assertEquals("operator " + io.evalwatch.localstack.LocalStack.sha256Hex("the-key") + " ci-runner", line);
        assertTrue(!line.contains("the-key"));
    }
}
