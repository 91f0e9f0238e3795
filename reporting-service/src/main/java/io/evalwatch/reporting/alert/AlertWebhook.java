package io.evalwatch.reporting.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.events.DriftAlert;
import io.evalwatch.reporting.config.ReportingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Delivers drift alerts to a webhook: evalwatch's own JSON, or a Slack-compatible {"text": …} body. A few
 * attempts with backoff; a delivery that still fails is logged and the alert stays in /api/alerts.
 */
@ApplicationScoped
public class AlertWebhook {

    private static final Logger LOG = Logger.getLogger(AlertWebhook.class);
    private static final int ATTEMPTS = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final Optional<String> url;
    private final boolean slack;
    private final String consoleUrl;

    public AlertWebhook(ReportingConfig config, ObjectMapper json) {
        this.json = json;
        this.url = config.alerts().webhookUrl().filter(u -> !u.isBlank());
        this.slack = "slack".equalsIgnoreCase(config.alerts().webhookFormat());
        this.consoleUrl = config.console().baseUrl().replaceFirst("/+$", "");
    }

    public boolean configured() {
        return url.isPresent();
    }

    public void deliver(DriftAlert alert) {
        if (url.isEmpty()) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(slack ? Map.of("text", slackText(alert, consoleUrl)) : alert);
        } catch (JsonProcessingException e) {
            LOG.errorf("alert %s could not be written as JSON: %s", alert.alertId(), e.getMessage());
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.get()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 300) {
                    return;
                }
                LOG.warnf("webhook answered %d for alert %s (attempt %d of %d)", status, alert.alertId(), attempt,
                        ATTEMPTS);
            } catch (IOException e) {
                LOG.warnf("webhook delivery of alert %s failed (attempt %d of %d): %s", alert.alertId(), attempt,
                        ATTEMPTS, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(500L * attempt);
        }
        LOG.errorf("alert %s was not delivered to the webhook; it remains listed at /api/alerts", alert.alertId());
    }

    static String slackText(DriftAlert alert, String consoleUrl) {
        return ":rotating_light: *" + alert.signal() + "* " + alert.model() + " on " + alert.suite() + " ("
                + alert.scope() + ", " + alert.severity() + "): " + alert.summary() + "\nrun " + alert.runId()
                + " vs baseline " + alert.baselineRunId() + "\n<" + consoleUrl + "/runs/" + alert.runId()
                + "/regression|regression report in the console>";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
