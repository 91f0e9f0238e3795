package io.evalwatch.generator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.evalwatch.generator.config.ModelConfig;
import io.evalwatch.generator.config.ModelCatalogFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One transcript of the conformance suite: a YAML file naming its source, the catalogue entry of the model, the
 * exchanges the server plays (bodies in files beside it, played byte for byte) and the item it must end in.
 * The model entry is read by the catalogue's own parser, so the transcript configures a model as a user would.
 */
record ConformanceCase(String name, String source, String catalogueEntry, List<PlaybackServer.Exchange> exchanges,
        JsonNode expect) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static ConformanceCase load(Path file) {
        try {
            JsonNode root = YAML.readTree(file.toFile());
            String name = file.getParent().getFileName() + "/" + file.getFileName().toString().replace(".yaml", "");
            String source = root.path("source").asText("");
            if (source.isBlank()) {
                throw new IllegalArgumentException(file + ": every transcript names the documentation or observation it"
                        + " follows under 'source'");
            }
            List<PlaybackServer.Exchange> exchanges = new ArrayList<>();
            for (JsonNode e : root.path("exchanges")) {
                Map<String, String> headers = new LinkedHashMap<>();
                e.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
                byte[] body = e.hasNonNull("body_file")
                        ? Files.readAllBytes(file.resolveSibling(e.get("body_file").asText()))
                        : e.path("body").asText("").getBytes(StandardCharsets.UTF_8);
                exchanges.add(new PlaybackServer.Exchange(e.path("status").asInt(200), headers, body,
                        e.path("read_body").asBoolean(true), e.path("chunked").asBoolean(true),
                        e.path("close").asBoolean(false), e.path("cut").asBoolean(false)));
            }
            String model = YAML.writeValueAsString(root.get("model"));
            return new ConformanceCase(name, source, model, exchanges, root.get("expect"));
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** The model as the catalogue reads it, its endpoint pointed at the playback server. */
    ModelConfig model(String baseUrl) {
        String yaml = "models:\n  - " + catalogueEntry.replace("---\n", "").strip().replace("\n", "\n    ")
                .replace("PLAYBACK", baseUrl) + "\n";
        return ModelCatalogFile.parse(name, yaml, variable -> null).get(0);
    }

    @Override
    public String toString() {
        return name;
    }
}
