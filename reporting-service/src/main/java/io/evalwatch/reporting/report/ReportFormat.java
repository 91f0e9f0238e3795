package io.evalwatch.reporting.report;

import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a report is served: JSON (the API's records), a self-contained HTML page, or Markdown. */
public enum ReportFormat {
    json(MediaType.APPLICATION_JSON), html(MediaType.TEXT_HTML), markdown(ReportFormat.MARKDOWN);

    public static final String MARKDOWN = "text/markdown";

    private final String mediaType;

    ReportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /**
     * The format asked for: ?format= wins (json, html, markdown or md), else the first Accept type that names one,
     * else JSON. Empty for a ?format= that names none.
     */
    public static Optional<ReportFormat> choose(String format, List<MediaType> accepted) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> Optional.of(json);
                case "html" -> Optional.of(html);
                case "markdown", "md" -> Optional.of(markdown);
                default -> Optional.empty();
            };
        }
        for (MediaType type : accepted) {
            for (ReportFormat f : values()) {
                if (!type.isWildcardType() && !type.isWildcardSubtype() && type.isCompatible(
                        MediaType.valueOf(f.mediaType))) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.of(json);
    }
}
