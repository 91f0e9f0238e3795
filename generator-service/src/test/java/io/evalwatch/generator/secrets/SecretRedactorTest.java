package io.evalwatch.generator.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    private static final String KEY = "plantedKey-7f3a9c1e5b";
    private final SecretRedactor redactor = SecretRedactor.instance();

    @Test
    void removesARegisteredKeyWhereverItIs() {
        redactor.register(KEY);
        assertEquals("HTTP 401: Incorrect API key provided: [REDACTED]. See docs",
                redactor.redact("HTTP 401: Incorrect API key provided: " + KEY + ". See docs"));
        assertEquals("a[REDACTED]b", redactor.redact("a" + KEY + "b"));
        assertTrue(redactor.containsSecret("x" + KEY));
        assertFalse(redactor.containsSecret(redactor.redact("x" + KEY)));
    }

    @Test
    void removesKeyShapedTextItNeverLoaded() {
        assertEquals("Authorization: Bearer [REDACTED]", redactor.redact("Authorization: Bearer abcdef123456789"));
        assertEquals("{\"x-api-key\": \"[REDACTED]\"}", redactor.redact("{\"x-api-key\": \"k-9876543210\"}"));
        assertEquals("key [REDACTED] rejected", redactor.redact("key sk-proj-AbC123xyz789qwe rejected"));
        assertEquals("api_key=[REDACTED]&x=1", redactor.redact("api_key=0123456789abcdef&x=1"));
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "def add(a, b):\n    return a + b  # tokens: 12, api version 2023-06-01";
        assertSame(text, redactor.redact(text).equals(text) ? text : null);
        assertEquals(null, redactor.redact(null));
    }

    @Test
    void theLogFilterRedactsFormattedMessagesAndExceptions() {
        redactor.register(KEY);
        RedactingLogFilter filter = new RedactingLogFilter();
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "calling with %s", ExtLogRecord.FormatStyle.PRINTF,
                SecretRedactorTest.class.getName());
        record.setParameters(new Object[] {KEY});
        record.setThrown(new IOException("server said " + KEY, new IllegalStateException("nested " + KEY)));
        assertTrue(filter.isLoggable(record));
        assertEquals("calling with [REDACTED]", record.getFormattedMessage());
        assertEquals("java.io.IOException: server said [REDACTED]", record.getThrown().toString());
        assertEquals("java.lang.IllegalStateException: nested [REDACTED]", record.getThrown().getCause().toString());

        LogRecord plain = new LogRecord(Level.INFO, "plain " + KEY);
        filter.isLoggable(plain);
        assertEquals("plain [REDACTED]", plain.getMessage());
    }

    @Test
    void anExceptionWithoutSecretsIsKeptAsItIs() {
        IOException clean = new IOException("connection refused");
        assertSame(clean, RedactedThrowable.of(clean, redactor));
    }
}
