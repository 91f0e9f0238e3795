package io.evalwatch.generator.secrets;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Redacts API keys from every log record, message and attached exception alike, before any handler formats it.
 * Enabled by quarkus.log.console.filter / quarkus.log.file.filter = redact-secrets.
 */
@LoggingFilter(name = "redact-secrets")
public final class RedactingLogFilter implements Filter {

    private final SecretRedactor redactor = SecretRedactor.instance();

    @Override
    public boolean isLoggable(LogRecord record) {
        String formatted = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String redacted = redactor.redact(formatted);
        if (redacted != null && !redacted.equals(formatted)) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(redacted);
            }
            record.setParameters(null);
        }
        if (record.getThrown() != null) {
            record.setThrown(RedactedThrowable.of(record.getThrown(), redactor));
        }
        return true;
    }
}
