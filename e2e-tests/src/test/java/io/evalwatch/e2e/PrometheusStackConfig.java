package io.evalwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prometheus and Alertmanager configuration for a test stack, derived from the repository's own files so that the
 * test checks them: prometheus.yml keeps its jobs, paths and labels and only points each job at the stack's port;
 * alertmanager-local.yml keeps its routes and only points the webhook at the stack's reporting-service.
 */
final class PrometheusStackConfig {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String LOCAL_REPORTING = "http://127.0.0.1:8085";

    private PrometheusStackConfig() {
    }

    /**
     * prometheus.yml with every job scraping 127.0.0.1:{port of the stack service of the same name}, the given
     * scrape and evaluation interval, the repository's rule files and the given Alertmanager.
     */
    static String prometheus(Path prometheusYml, Map<String, Integer> servicePorts, Path rulesDir,
            int alertmanagerPort, String interval) {
        ObjectNode config = read(prometheusYml);
        ObjectNode global = config.withObjectProperty("global");
        global.put("scrape_interval", interval);
        global.put("evaluation_interval", interval);
        config.putArray("rule_files").add(rulesDir.toAbsolutePath().resolve("*.yml").toString());
        ObjectNode alertmanagers = config.withObjectProperty("alerting").putArray("alertmanagers").addObject();
        alertmanagers.putArray("static_configs").addObject().putArray("targets").add("127.0.0.1:" + alertmanagerPort);

        Set<String> unscraped = new TreeSet<>(servicePorts.keySet());
        for (JsonNode job : config.path("scrape_configs")) {
            String name = job.path("job_name").asText();
            Integer port = servicePorts.get(name);
            if (port == null) {
                throw new IllegalStateException(prometheusYml + " has job " + name + ", which names no service of"
                        + " the local stack " + servicePorts.keySet()
                        + ": the dashboards' and rules' job filters would not match");
            }
            unscraped.remove(name);
            for (JsonNode staticConfig : job.path("static_configs")) {
                ArrayNode targets = ((ObjectNode) staticConfig).putArray("targets");
                targets.add("127.0.0.1:" + port);
            }
        }
        if (!unscraped.isEmpty()) {
            throw new IllegalStateException(prometheusYml + " has no job for " + unscraped);
        }
        return write(config);
    }

    /**
     * alertmanager-local.yml with its webhooks pointed at the stack's reporting-service, carrying the stack's key,
     * and the top route's grouping waits shortened to seconds, so that an alert reaches reporting while the test
     * waits.
     */
    static String alertmanager(Path alertmanagerYml, String reportingUrl, Path apiKeyFile) {
        ObjectNode config = read(alertmanagerYml);
        ObjectNode route = config.withObjectProperty("route");
        route.put("group_wait", "1s");
        route.put("group_interval", "1s");
        int rewritten = 0;
        for (JsonNode receiver : config.path("receivers")) {
            for (JsonNode webhook : receiver.path("webhook_configs")) {
                String url = webhook.path("url").asText();
                if (url.startsWith(LOCAL_REPORTING)) {
                    ((ObjectNode) webhook).put("url", reportingUrl + url.substring(LOCAL_REPORTING.length()));
                    ((ObjectNode) webhook).withObjectProperty("http_config").withObjectProperty("authorization")
                            .put("type", "Bearer").put("credentials_file", apiKeyFile.toString());
                    rewritten++;
                }
            }
        }
        if (rewritten == 0) {
            throw new IllegalStateException(alertmanagerYml + " has no webhook to reporting-service at "
                    + LOCAL_REPORTING);
        }
        return write(config);
    }

    private static ObjectNode read(Path file) {
        try {
            return (ObjectNode) YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String write(ObjectNode config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
