package io.evalwatch.reporting.console;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the console writes numbers, in templates ({fmt:pct(x)}) and chart labels alike, so a figure reads the same in
 * a table and on an axis. A missing value is a dash.
 */
@TemplateExtension(namespace = "fmt")
public final class ConsoleFormats {

    static final String MISSING = "–";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ConsoleFormats() {
    }

    /** A share as a percentage with one decimal: 0.8333 → "83.3 %". */
    public static String pct(Object share) {
        return share instanceof Number n ? String.format(Locale.ROOT, "%.1f %%", n.doubleValue() * 100) : MISSING;
    }

    /** A difference of shares in percentage points with its sign: -0.15 → "-15.0 pp". */
    public static String pp(Object difference) {
        return difference instanceof Number n ? String.format(Locale.ROOT, "%+.1f pp", n.doubleValue() * 100)
                : MISSING;
    }

    /** A p-value to three significant digits: 0.000123 → "0.000123", 0.5 → "0.500". */
    public static String p(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.3g", n.doubleValue()) : MISSING;
    }

    public static String num(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : MISSING;
    }

    /** Seconds with milliseconds: "1.234 s". */
    public static String sec(Object seconds) {
        return seconds instanceof Number n ? String.format(Locale.ROOT, "%.3f s", n.doubleValue()) : MISSING;
    }

    /** US dollars, to a hundredth of a cent: "$0.0123". */
    public static String usd(Object dollars) {
        return dollars instanceof Number n ? String.format(Locale.ROOT, "$%.4f", n.doubleValue()) : MISSING;
    }

    public static String time(Object instant) {
        return instant instanceof Instant i ? TIME.format(i) : MISSING;
    }

    /** The first 8 characters of a run id, enough to tell runs apart in a table. */
    public static String shortId(Object id) {
        return id == null ? MISSING : id.toString().length() <= 8 ? id.toString() : id.toString().substring(0, 8);
    }
}
