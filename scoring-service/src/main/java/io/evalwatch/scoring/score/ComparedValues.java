package io.evalwatch.scoring.score;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two sides of a failed {@code assert a == b}, as the Python harness reports them in the test's message:
 * <pre>
 * assert f(3) == [1, 2, 3]
 * left [list, len 2]: [1, 2]
 * right [list, len 3]: [1, 2, 3]
 * </pre>
 * Each side carries its type, its length when it has one, and its repr (possibly shortened).
 */
record ComparedValues(Side left, Side right) {

    record Side(String type, Integer length, String repr) {

        boolean number() {
            return "int".equals(type) || "float".equals(type);
        }
    }

    private static final Pattern SIDE = Pattern.compile("^(left|right) \\[(\\w+)(?:, len (\\d+))?\\]: (.*)$",
            Pattern.MULTILINE);
    /** A number inside a repr: digits not part of a name (x1) and not a sign (a date's dashes are separators). */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d+(?:\\.\\d+)?(?![\\w])");
    private static final double EPSILON = 1e-9;

    /** The values a harness message reports, or null when it reports none. */
    static ComparedValues parse(String message) {
        if (message == null) {
            return null;
        }
        Side left = null;
        Side right = null;
        Matcher m = SIDE.matcher(message);
        while (m.find()) {
            Side side = new Side(m.group(2), m.group(3) == null ? null : Integer.valueOf(m.group(3)), m.group(4));
            if ("left".equals(m.group(1))) {
                left = side;
            } else {
                right = side;
            }
        }
        return left == null || right == null ? null : new ComparedValues(left, right);
    }

    /**
     * Off by one: two numbers one apart, two sequences one element apart in length, or two values of the same
     * shape whose numbers differ, each by one (a date a month off, a tuple with one count too high).
     */
    boolean offByOne() {
        if (left.length() != null && right.length() != null) {
            if (Math.abs(left.length() - right.length()) == 1) {
                return true;
            }
        }
        if (left.number() && right.number()) {
            Double l = parseNumber(left.repr());
            Double r = parseNumber(right.repr());
            return l != null && r != null && Math.abs(Math.abs(l - r) - 1) < EPSILON;
        }
        return left.type().equals(right.type()) && numbersOneApart(left.repr(), right.repr());
    }

    private static boolean numbersOneApart(String left, String right) {
        if (!NUMBER.matcher(left).replaceAll("#").equals(NUMBER.matcher(right).replaceAll("#"))) {
            return false;
        }
        List<Double> l = numbers(left);
        List<Double> r = numbers(right);
        boolean differs = false;
        for (int i = 0; i < l.size(); i++) {
            double gap = Math.abs(l.get(i) - r.get(i));
            if (gap < EPSILON) {
                continue;
            }
            if (Math.abs(gap - 1) >= EPSILON) {
                return false;
            }
            differs = true;
        }
        return differs;
    }

    private static List<Double> numbers(String repr) {
        List<Double> found = new ArrayList<>();
        Matcher m = NUMBER.matcher(repr);
        while (m.find()) {
            found.add(Double.valueOf(m.group()));
        }
        return found;
    }

    private static Double parseNumber(String repr) {
        try {
            return Double.valueOf(repr.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
