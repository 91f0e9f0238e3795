package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The CI gate's decision from a regression report: exit 0 (no significant regression), 1 (regression), and one
 * JUnit test case per compared category so CI systems show which categories regressed.
 */
public final class GateVerdict {

    public static final int PASS = ExitCodes.OK;
    public static final int REGRESSION = ExitCodes.FAILED;

    private GateVerdict() {
    }

    /** One category's outcome: a pass-rate comparison against the baseline. */
    public record Case(String model, String scope, String metric, double baseline, double candidate, double pValue,
            boolean regressed, String summary) {
    }

    public static List<Case> cases(JsonNode regression) {
        List<Case> cases = new ArrayList<>();
        for (JsonNode m : regression.path("models")) {
            for (JsonNode c : m.path("comparisons")) {
                if (!c.path("metric").asText().toLowerCase(Locale.ROOT).contains("pass")) {
                    continue;
                }
                boolean regressed = "regressed".equals(c.path("verdict").asText());
                cases.add(new Case(m.path("model").asText(), c.path("scope").asText(), c.path("metric").asText(),
                        c.path("baseline").asDouble(), c.path("candidate").asDouble(), c.path("adjustedPValue").asDouble(),
                        regressed, String.format(Locale.ROOT, "%s %s: %.3f -> %.3f (adjusted p %.4f)",
                                c.path("scope").asText(), c.path("metric").asText(), c.path("baseline").asDouble(),
                                c.path("candidate").asDouble(), c.path("adjustedPValue").asDouble())));
            }
        }
        return cases;
    }

    public static int exitCode(JsonNode regression) {
        boolean regressed = false;
        for (JsonNode m : regression.path("models")) {
            regressed |= "regressed".equals(m.path("verdict").asText());
        }
        return regressed ? REGRESSION : PASS;
    }

    public static void writeJUnit(Path file, String suiteName, List<Case> cases, String runId) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try (Writer out = Files.newBufferedWriter(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", suiteName);
            xml.writeAttribute("tests", Integer.toString(cases.size()));
            xml.writeAttribute("failures", Long.toString(cases.stream().filter(Case::regressed).count()));
            xml.writeAttribute("errors", "0");
            xml.writeStartElement("properties");
            xml.writeStartElement("property");
            xml.writeAttribute("name", "runId");
            xml.writeAttribute("value", runId);
            xml.writeEndElement();
            xml.writeEndElement();
            for (Case c : cases) {
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "evalwatch." + c.model());
                xml.writeAttribute("name", c.scope() + " " + c.metric());
                if (c.regressed()) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", "regressed: " + c.summary());
                    xml.writeCharacters(c.summary());
                    xml.writeEndElement();
                } else {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(c.summary());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
