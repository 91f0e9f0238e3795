package io.evalwatch.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackKeysTest {

    @TempDir
    Path state;

    @Test
    void aFreshStateFolderGetsAnAdminKeyOnlyItsOwnerReadsAndAHashedKeysFile() throws Exception {
        LocalStack stack = LocalStack.builder(state).stateDir(state).apiKey("viewer", "a-viewer-key", "tests").build();

        String key = stack.apiKey();

        assertTrue(key.matches("[A-Za-z0-9_-]{43}"), "32 random bytes, base64url");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stack.apiKeyFile())));
        List<String> lines = Files.readAllLines(stack.apiKeysFile());
        assertTrue(lines.contains("admin " + LocalStack.sha256Hex(key) + " local-stack"), lines.toString());
        assertTrue(lines.contains("viewer " + LocalStack.sha256Hex("a-viewer-key") + " tests"), lines.toString());
        String all = String.join("\n", lines);
        assertFalse(all.contains(key), "the keys file holds hashes only");
        assertFalse(all.contains("a-viewer-key"), "the keys file holds hashes only");
    }

    @Test
    void linesAddedInApiKeysExtraAreKept() throws Exception {
        String line = "operator " + LocalStack.sha256Hex("added-by-hand") + " ci";
        Files.writeString(state.resolve("api-keys.extra"), line + "\n");
        LocalStack stack = LocalStack.builder(state).stateDir(state).build();
        stack.apiKey();
        assertTrue(Files.readAllLines(stack.apiKeysFile()).contains(line));
    }

    @Test
    void theKeyStaysTheSameAcrossStarts() {
        String first = LocalStack.builder(state).stateDir(state).build().apiKey();
        String second = LocalStack.builder(state).stateDir(state).build().apiKey();
        assertEquals(first, second);
    }
}
