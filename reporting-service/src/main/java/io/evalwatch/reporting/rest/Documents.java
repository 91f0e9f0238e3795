package io.evalwatch.reporting.rest;

import io.evalwatch.reporting.report.ReportFormat;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Instant;
import java.util.regex.Pattern;

/** What the report resources share: the format asked for, the charts' link prefix, the frontier's time. */
final class Documents {

    /** A relative path or file-name prefix: nothing a Markdown link or a URL would need to escape. */
    private static final Pattern CHART_FILES = Pattern.compile("[A-Za-z0-9._/-]{1,200}");

    private Documents() {
    }

    static ReportFormat format(String format, HttpHeaders headers) {
        return ReportFormat.choose(format, headers.getAcceptableMediaTypes()).orElseThrow(() ->
                new BadRequestException("unknown format '" + format + "': use json, html or markdown"));
    }

    static String chartFiles(String charts) {
        if (charts == null || charts.isEmpty()) {
            return null;
        }
        if (!CHART_FILES.matcher(charts).matches() || charts.contains("..")) {
            throw new BadRequestException("charts '" + charts + "' may hold only letters, digits, '.', '_', '-' and"
                    + " '/', without '..' (a file-name prefix such as report-)");
        }
        return charts;
    }

    /** A report's frontier is the one of its run's end; a run still in progress sees the frontier of now. */
    static Instant asOf(Instant completedAt) {
        return completedAt == null ? Instant.now() : completedAt;
    }
}
