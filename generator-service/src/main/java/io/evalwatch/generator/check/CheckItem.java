package io.evalwatch.generator.check;

/**
 * One line of an endpoint check: what was tried, how it went, and what to change in the configuration when it
 * did not go well.
 *
 * @param status pass, warn (works, with a caveat), fail, or skip (not tried because an earlier check failed)
 */
public record CheckItem(String check, String status, String detail, String fix) {

    public static final String PASS = "pass";
    public static final String WARN = "warn";
    public static final String FAIL = "fail";
    public static final String SKIP = "skip";

    static CheckItem pass(String check, String detail) {
        return new CheckItem(check, PASS, detail, null);
    }

    static CheckItem warn(String check, String detail, String fix) {
        return new CheckItem(check, WARN, detail, fix);
    }

    static CheckItem fail(String check, String detail, String fix) {
        return new CheckItem(check, FAIL, detail, fix);
    }

    static CheckItem skip(String check, String why) {
        return new CheckItem(check, SKIP, why, null);
    }
}
