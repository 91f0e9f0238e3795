package io.evalwatch.generator.secrets;

/**
 * Stands in for an exception whose message (or a cause's message) holds a secret: same class name in the text,
 * same stack, redacted messages.
 */
public final class RedactedThrowable extends RuntimeException {

    private final String originalClass;

    private RedactedThrowable(String originalClass, String message, Throwable cause) {
        super(message, cause, false, true);
        this.originalClass = originalClass;
    }

    /** Returns {@code thrown} itself when no message in its cause chain needs redaction. */
    public static Throwable of(Throwable thrown, SecretRedactor redactor) {
        if (!needsRedaction(thrown, redactor, 0)) {
            return thrown;
        }
        return copy(thrown, redactor, 0);
    }

    private static boolean needsRedaction(Throwable t, SecretRedactor redactor, int depth) {
        if (t == null || depth > 16) {
            return false;
        }
        String message = t.getMessage();
        return (message != null && !message.equals(redactor.redact(message)))
                || needsRedaction(t.getCause(), redactor, depth + 1);
    }

    private static Throwable copy(Throwable t, SecretRedactor redactor, int depth) {
        Throwable cause = t.getCause() != null && depth < 16 ? copy(t.getCause(), redactor, depth + 1) : null;
        RedactedThrowable copy = new RedactedThrowable(t.getClass().getName(), redactor.redact(t.getMessage()), cause);
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClass : originalClass + ": " + message;
    }
}
