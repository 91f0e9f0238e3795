package io.evalwatch.task.testing;

import static io.restassured.RestAssured.given;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one series' value from the service's /q/metrics (Prometheus text format). */
public final class MetricsText {

    private MetricsText() {
    }

    /** The value of e.g. {@code evalwatch_monitor_runs_total{monitor="x"}}, empty when the series is absent. */
    public static OptionalDouble value(String series) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(body);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }
}
