package io.evalwatch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys file: {@code <role> <sha256-hex> [name]} per line. */
class ApiKeysFileTest {

    @TempDir
    Path dir;

    @Test
    void linesCommentsAndNames() throws Exception {
        Path file = Files.writeString(dir.resolve("api-keys"), """
                # the stack's keys
                admin %s local-stack

                viewer %s
                """.formatted(ApiKeys.sha256Hex("a"), ApiKeys.sha256Hex("v").toUpperCase()));
        List<ApiKeys.Entry> entries = ApiKeys.readFile(file);
        assertEquals(2, entries.size());
        assertEquals(Role.ADMIN, entries.get(0).role());
        assertEquals("local-stack", entries.get(0).name());
        assertEquals(Role.VIEWER, entries.get(1).role());
        assertEquals("line 4", entries.get(1).name());
    }

    @Test
    void aPlainKeyPastedByMistakeIsRefusedWithoutBeingEchoed() throws Exception {
        Path file = Files.writeString(dir.resolve("api-keys"), "operator sk-this-is-the-plain-key\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKeys.readFile(file));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertFalse(e.getMessage().contains("sk-this-is-the-plain-key"), e.getMessage());
    }

    @Test
    void anUnknownRoleIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("api-keys"), "root " + ApiKeys.sha256Hex("k") + "\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKeys.readFile(file));
        assertTrue(e.getMessage().contains("unknown role 'root'"), e.getMessage());
    }

    @Test
    void rolesIncludeTheLowerOnes() {
        assertTrue(Role.ADMIN.includes(Role.OPERATOR));
        assertTrue(Role.OPERATOR.includes(Role.VIEWER));
        assertFalse(Role.VIEWER.includes(Role.OPERATOR));
        assertFalse(Role.OPERATOR.includes(Role.ADMIN));
    }
}
