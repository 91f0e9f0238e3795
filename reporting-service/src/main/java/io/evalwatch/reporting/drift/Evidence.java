package io.evalwatch.reporting.drift;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-friendly evidence: ordered maps of Strings, Numbers, Booleans, Lists and Maps, with numbers rounded to four
 * significant digits so a reader sees 0.0031 rather than 0.0031234567. Non-finite numbers become null.
 */
final class Evidence {

    private static final MathContext FOUR_DIGITS = new MathContext(4);

    private final Map<String, Object> values = new LinkedHashMap<>();

    static Evidence of() {
        return new Evidence();
    }

    Evidence put(String key, Object value) {
        values.put(key, normalise(value));
        return this;
    }

    Evidence putAll(Evidence other) {
        values.putAll(other.values);
        return this;
    }

    Map<String, Object> map() {
        return Collections.unmodifiableMap(values);
    }

    static Object number(double value) {
        if (!Double.isFinite(value)) {
            return null;
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return (long) value;
        }
        return new BigDecimal(value).round(FOUR_DIGITS).doubleValue();
    }

    static List<Object> interval(Double low, Double high) {
        return low == null || high == null ? null : Arrays.asList(number(low), number(high));
    }

    private static Object normalise(Object value) {
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof Evidence e) {
            return e.map();
        }
        return value;
    }
}
