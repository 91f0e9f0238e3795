package io.evalwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class GateVerdictTest {

    private static JsonNode regression(String verdict, String strings) throws Exception {
        return new ObjectMapper().readTree("""
                {"runId":"r1","models":[{"model":"sim-alpha","verdict":"%s","baselineRunId":"r0","comparisons":[
                  {"scope":"all","metric":"pass_rate","baseline":0.8,"candidate":0.64,"adjustedPValue":0.001,"verdict":"%s"},
                  {"scope":"strings","metric":"pass_rate","baseline":0.8,"candidate":0.6,"adjustedPValue":0.02,"verdict":"%s"},
                  {"scope":"all","metric":"ttft_seconds","baseline":0.2,"candidate":0.3,"adjustedPValue":0.001,"verdict":"regressed"}
                ]}]}""".formatted(verdict, verdict, strings));
    }

    @Test
    void aRegressionExitsOneAndFailsTheCategoriesThatRegressed(@TempDir Path tmp) throws Exception {
        JsonNode report = regression("regressed", "unchanged");
        List<GateVerdict.Case> cases = GateVerdict.cases(report);

        assertEquals(GateVerdict.REGRESSION, GateVerdict.exitCode(report));
        assertEquals(2, cases.size(), "one case per category's pass-rate comparison");

        Path xml = tmp.resolve("gate.xml");
        GateVerdict.writeJUnit(xml, "evalwatch gate", cases, "r1");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertEquals("2", doc.getDocumentElement().getAttribute("tests"));
        assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
        assertEquals(1, doc.getElementsByTagName("failure").getLength());
        assertTrue(Files.readString(xml).contains("all pass_rate: 0.800 -&gt; 0.640"));
    }

    @Test
    void noRegressionExitsZero() throws Exception {
        assertEquals(GateVerdict.PASS, GateVerdict.exitCode(regression("no_regression", "unchanged")));
    }
}
