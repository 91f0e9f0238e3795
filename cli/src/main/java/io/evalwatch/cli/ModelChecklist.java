package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Renders endpoint checks as a checklist a person can act on: one line per check, the fix under a failure. */
final class ModelChecklist {

    private ModelChecklist() {
    }

    static String render(List<JsonNode> models) {
        StringBuilder out = new StringBuilder();
        for (JsonNode m : models) {
            out.append(String.format("%s  (%s %s at %s)%n", m.path("model").asText(), m.path("provider").asText(),
                    m.path("modelId").asText(), m.path("endpoint").asText()));
            for (JsonNode c : m.path("checks")) {
                out.append(String.format("  %-5s %-27s %s%n", mark(c.path("status").asText()), c.path("check").asText(),
                        c.path("detail").asText("")));
                if (c.hasNonNull("fix")) {
                    out.append("        fix: ").append(c.path("fix").asText()).append(System.lineSeparator());
                }
            }
            out.append("  ").append(m.path("ok").asBoolean(false) ? "usable" : "NOT usable until the failures are fixed")
                    .append(System.lineSeparator()).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String mark(String status) {
        return switch (status) {
            case "pass" -> "ok";
            case "warn" -> "warn";
            case "fail" -> "FAIL";
            default -> "-";
        };
    }
}
