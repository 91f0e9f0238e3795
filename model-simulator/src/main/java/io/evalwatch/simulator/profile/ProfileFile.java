package io.evalwatch.simulator.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.evalwatch.events.PromptVariant;
import io.evalwatch.events.probe.LongContext;
import io.evalwatch.simulator.truth.AnswerKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the simulator's profile file (config/simulator.yaml). Usable without Quarkus: tests load the same file the
 * running simulator uses and compute the known truth from it. A version leaves out what does not change: every field
 * but version, system_fingerprint and active_from defaults to the previous version's value. Unknown fields are
 * errors, so a typo never silently falls back to a default.
 */
public final class ProfileFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> MODEL_FIELDS = Set.of("versions", "description");
    private static final Set<String> VERSION_FIELDS = Set.of("version", "system_fingerprint", "seed",
            "pass_probability", "mutations", "output_style", "ttft", "tokens_per_second", "errors", "active_from",
            "description", "quirks", "review", "search", "variants", "repeat_noise", "needle_recall");
    private static final Set<String> VARIANT_FIELDS = Set.of("pass_probability", "latency_factor");
    private static final Set<String> REVIEW_FIELDS = Set.of("found", "invented");
    private static final Set<String> SEARCH_FIELDS = Set.of("ranks", "near_miss");
    private static final Set<String> QUIRK_FIELDS = Set.of("stream_error_after_tokens", "loading_requests",
            "cached_prompt_tokens", "response_model", "reasoning_tokens");
    private static final Set<String> TTFT_FIELDS = Set.of("median_ms", "sigma", "added_ms");
    private static final Set<String> SPEED_FIELDS = Set.of("median", "sigma");
    private static final Set<String> ERROR_FIELDS = Set.of("rate_429", "rate_503", "retry_after_seconds");

    // what a first version inherits when it leaves a field out
    private static final ModelVersion DEFAULTS = new ModelVersion("", "", 0, 1.0, defaultWeights(), OutputStyle.FENCED,
            new LogNormal(200, 0), new LogNormal(50, 0), ErrorInjection.none(), null);

    private ProfileFile() {
    }

    public static SimulatorProfiles load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ProfileFileException("cannot read simulator profile file " + file.toAbsolutePath() + ": " + e, e);
        }
        return parse(text, file.toString());
    }

    /** Parses profile YAML; source names the file in error messages. */
    public static SimulatorProfiles parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ProfileFileException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.path("models").isObject() || root.path("models").isEmpty()) {
            throw new ProfileFileException(source + ": expected a top-level 'models' map of model name to versions");
        }
        Map<String, SimulatedModel> models = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = root.get("models").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            models.put(entry.getKey(), model(source, entry.getKey(), entry.getValue()));
        }
        return new SimulatorProfiles(models);
    }

    private static SimulatedModel model(String source, String name, JsonNode node) {
        String where = source + ": model '" + name + "'";
        requireKnownFields(where, node, MODEL_FIELDS);
        JsonNode versions = node.path("versions");
        if (!versions.isArray() || versions.isEmpty()) {
            throw new ProfileFileException(where + ": field 'versions' must be a non-empty list");
        }
        ModelVersion previous = DEFAULTS;
        List<ModelVersion> parsed = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            JsonNode v = versions.get(i);
            String label = v.path("version").asText("#" + (i + 1));
            ModelVersion version = version(where + " version '" + label + "'", v, previous);
            for (ModelVersion other : parsed) {
                if (other.version().equals(version.version())) {
                    throw new ProfileFileException(where + ": version '" + version.version() + "' appears twice");
                }
            }
            parsed.add(version);
            previous = version;
        }
        return new SimulatedModel(name, List.copyOf(parsed));
    }

    private static ModelVersion version(String where, JsonNode node, ModelVersion previous) {
        if (!node.isObject()) {
            throw new ProfileFileException(where + ": a version must be a map of fields");
        }
        requireKnownFields(where, node, VERSION_FIELDS);
        String version = requiredText(where, node, "version");
        String fingerprint = requiredText(where, node, "system_fingerprint");
        long seed = node.has("seed") ? longField(where, node, "seed") : previous.seed();
        double pass = node.has("pass_probability")
                ? probability(where, node, "pass_probability") : previous.passProbability();
        Map<AnswerKind, Double> weights = node.has("mutations") ? weights(where, node.get("mutations"))
                : previous.mutationWeights();
        if (pass < 1.0 && weights.values().stream().noneMatch(w -> w > 0)) {
            throw new ProfileFileException(where + ": field 'mutations' needs a positive weight when "
                    + "pass_probability is below 1");
        }
        OutputStyle style = previous.outputStyle();
        if (node.has("output_style")) {
            style = OutputStyle.fromLabel(node.get("output_style").asText());
            if (style == null) {
                throw new ProfileFileException(where + ": field 'output_style' must be fenced, fenced_with_prose or "
                        + "raw, got '" + node.get("output_style").asText() + "'");
            }
        }
        LogNormal ttft = node.has("ttft")
                ? logNormal(where + " field 'ttft'", node.get("ttft"), "median_ms", TTFT_FIELDS, previous.ttftMillis())
                : previous.ttftMillis();
        LogNormal speed = node.has("tokens_per_second")
                ? logNormal(where + " field 'tokens_per_second'", node.get("tokens_per_second"), "median",
                SPEED_FIELDS, previous.tokensPerSecond())
                : previous.tokensPerSecond();
        ErrorInjection errors = node.has("errors") ? errors(where, node.get("errors"), previous.errors())
                : previous.errors();
        Instant activeFrom = null;
        if (node.hasNonNull("active_from")) {
            try {
                activeFrom = Instant.parse(node.get("active_from").asText());
            } catch (DateTimeParseException e) {
                throw new ProfileFileException(where + ": field 'active_from' must be an ISO-8601 instant such as "
                        + "2025-06-01T00:00:00Z, got '" + node.get("active_from").asText() + "'");
            }
        }
        Quirks quirks = node.has("quirks") ? quirks(where, node.get("quirks")) : previous.quirks();
        KindSkills skills = skills(where, node, previous.kindSkills(), pass);
        Map<PromptVariant, VariantBehaviour> variants = node.has("variants")
                ? variants(where, node.get("variants")) : previous.variants();
        RepeatNoise noise = node.has("repeat_noise") ? repeatNoise(where, node.get("repeat_noise"))
                : previous.repeatNoise();
        NeedleRecall needles = node.has("needle_recall") ? needleRecall(where, node.get("needle_recall"))
                : previous.needleRecall();
        return new ModelVersion(version, fingerprint, seed, pass, weights, style, ttft, speed, errors, activeFrom,
                quirks, skills, variants, noise, needles);
    }

    /** repeat_noise {score_variance: v}: the variance of an item's weighted score between repeats (RepeatNoise). */
    private static RepeatNoise repeatNoise(String where, JsonNode node) {
        String field = where + " field 'repeat_noise'";
        if (node.isNull()) {
            return null;
        }
        if (!node.isObject() || !node.has("score_variance")) {
            throw new ProfileFileException(field + " must be a map {score_variance: v} with v within [0, 1]");
        }
        requireKnownFields(field, node, Set.of("score_variance"));
        return new RepeatNoise(probability(field, node, "score_variance"));
    }

    /** needle_recall {10: 0.95, 30: 0.8, 50: 0.4, 70: 0.8, 90: 0.95}: every probe position, a probability each. */
    private static NeedleRecall needleRecall(String where, JsonNode node) {
        String field = where + " field 'needle_recall'";
        if (!node.isObject()) {
            throw new ProfileFileException(field + " must be a map of position (" + LongContext.POSITIONS
                    + ") to the probability of finding the needle there");
        }
        Map<Integer, Double> recall = new java.util.TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            Integer position = entry.getKey().matches("\\d+") ? Integer.valueOf(entry.getKey()) : null;
            if (position == null || !LongContext.POSITIONS.contains(position)) {
                throw new ProfileFileException(field + ": unknown position '" + entry.getKey() + "'; positions: "
                        + LongContext.POSITIONS);
            }
            recall.put(position, probability(field, node, entry.getKey()));
        }
        if (!recall.keySet().containsAll(LongContext.POSITIONS)) {
            throw new ProfileFileException(field + " must give every position " + LongContext.POSITIONS + ", has "
                    + recall.keySet());
        }
        return new NeedleRecall(recall);
    }

    /** variants {few-shot: {pass_probability: 0.9}, structured: {latency_factor: 1.25}}: base is the version itself. */
    private static Map<PromptVariant, VariantBehaviour> variants(String where, JsonNode node) {
        String field = where + " field 'variants'";
        if (!node.isObject()) {
            throw new ProfileFileException(field + " must be a map of prompt variant to {pass_probability,"
                    + " latency_factor}");
        }
        Map<PromptVariant, VariantBehaviour> variants = new EnumMap<>(PromptVariant.class);
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            PromptVariant variant = PromptVariant.of(entry.getKey()).filter(v -> v != PromptVariant.BASE)
                    .orElseThrow(() -> new ProfileFileException(field + ": unknown prompt variant '" + entry.getKey()
                            + "'; known: " + PromptVariant.ids().stream().filter(v -> !v.equals("base")).toList()
                            + " (base is the version itself)"));
            String at = field + "." + entry.getKey();
            JsonNode v = entry.getValue();
            if (!v.isObject()) {
                throw new ProfileFileException(at + " must be a map with " + VARIANT_FIELDS);
            }
            requireKnownFields(at, v, VARIANT_FIELDS);
            Double pass = v.has("pass_probability") ? probability(at, v, "pass_probability") : null;
            double factor = v.has("latency_factor") ? number(at, v, "latency_factor") : 1.0;
            if (!(factor > 0)) {
                throw new ProfileFileException(at + ": 'latency_factor' must be positive, got " + factor);
            }
            variants.put(variant, new VariantBehaviour(pass, factor));
        }
        return variants;
    }

    /**
     * review {found: {tier1, tier2, tier3}, invented} and search {ranks: [..], near_miss}; what a version leaves out
     * comes from the previous version's explicit skills, else from this version's pass probability. Null when
     * neither the version nor an earlier one names any (the skills then follow the pass probability).
     */
    private static KindSkills skills(String where, JsonNode node, KindSkills previous, double pass) {
        if (!node.has("review") && !node.has("search")) {
            return previous;
        }
        KindSkills base = previous != null ? previous : KindSkills.derivedFrom(pass);
        List<Double> found = base.reviewFound();
        double invented = base.reviewInvented();
        if (node.has("review")) {
            JsonNode review = node.get("review");
            String field = where + " field 'review'";
            if (!review.isObject()) {
                throw new ProfileFileException(field + " must be a map {found: {tier1, tier2, tier3}, invented}");
            }
            requireKnownFields(field, review, REVIEW_FIELDS);
            if (review.has("found")) {
                JsonNode tiers = review.get("found");
                requireKnownFields(field + ".found", tiers, Set.of("tier1", "tier2", "tier3"));
                List<Double> byTier = new ArrayList<>(found);
                for (int t = 1; t <= 3; t++) {
                    if (tiers.has("tier" + t)) {
                        byTier.set(t - 1, probability(field + ".found", tiers, "tier" + t));
                    }
                }
                found = byTier;
            }
            if (review.has("invented")) {
                invented = probability(field, review, "invented");
            }
        }
        List<Double> ranks = base.searchRanks();
        double nearMiss = base.searchNearMiss();
        if (node.has("search")) {
            JsonNode search = node.get("search");
            String field = where + " field 'search'";
            if (!search.isObject()) {
                throw new ProfileFileException(field + " must be a map {ranks: [p1, .., p5], near_miss}");
            }
            requireKnownFields(field, search, SEARCH_FIELDS);
            if (search.has("ranks")) {
                JsonNode list = search.get("ranks");
                if (!list.isArray() || list.size() > KindSkills.SEARCH_DEPTH) {
                    throw new ProfileFileException(field + ".ranks must be a list of at most "
                            + KindSkills.SEARCH_DEPTH + " probabilities (rank 1 first)");
                }
                List<Double> parsed = new ArrayList<>();
                for (JsonNode p : list) {
                    if (!p.isNumber() || p.asDouble() < 0 || p.asDouble() > 1) {
                        throw new ProfileFileException(field + ".ranks: every entry must be within [0, 1], got '"
                                + p.asText() + "'");
                    }
                    parsed.add(p.asDouble());
                }
                ranks = parsed;
            }
            if (search.has("near_miss")) {
                nearMiss = probability(field, search, "near_miss");
            }
        }
        try {
            return new KindSkills(found, invented, ranks, nearMiss);
        } catch (IllegalArgumentException e) {
            throw new ProfileFileException(where + ": " + e.getMessage());
        }
    }

    private static Quirks quirks(String where, JsonNode node) {
        String field = where + " field 'quirks'";
        if (!node.isObject()) {
            throw new ProfileFileException(field + " must be a map such as {stream_error_after_tokens: 3}");
        }
        requireKnownFields(field, node, QUIRK_FIELDS);
        return new Quirks(quirkCount(field, node, "stream_error_after_tokens", -1),
                quirkCount(field, node, "loading_requests", 0), quirkCount(field, node, "cached_prompt_tokens", 0),
                node.hasNonNull("response_model") ? node.get("response_model").asText() : null,
                quirkCount(field, node, "reasoning_tokens", 0));
    }

    private static int quirkCount(String field, JsonNode node, String name, int absent) {
        if (!node.has(name)) {
            return absent;
        }
        if (!node.get(name).canConvertToInt() || node.get(name).asInt() < 0) {
            throw new ProfileFileException(field + ": '" + name + "' must be a whole number of at least 0, got '"
                    + node.get(name).asText() + "'");
        }
        return node.get(name).asInt();
    }

    private static Map<AnswerKind, Double> weights(String where, JsonNode node) {
        if (!node.isObject()) {
            throw new ProfileFileException(where + ": field 'mutations' must be a map of mutation kind to weight");
        }
        Map<AnswerKind, Double> weights = new EnumMap<>(AnswerKind.class);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            AnswerKind kind = AnswerKind.fromLabel(field.getKey());
            if (kind == null || kind == AnswerKind.REFERENCE) {
                throw new ProfileFileException(where + ": unknown mutation 'mutations." + field.getKey()
                        + "'; known: off_by_one, missing_edge_case, hallucinated_api, syntax_error, wrong_problem, "
                        + "refusal, ignores_context");
            }
            if (!field.getValue().isNumber() || field.getValue().asDouble() < 0) {
                throw new ProfileFileException(where + ": field 'mutations." + field.getKey()
                        + "' must be a non-negative number, got '" + field.getValue().asText() + "'");
            }
            weights.put(kind, field.getValue().asDouble());
        }
        return weights;
    }

    private static LogNormal logNormal(String where, JsonNode node, String medianField, Set<String> fields,
                                       LogNormal previous) {
        if (node.isNumber()) {
            return positive(where, node.asDouble(), new LogNormal(node.asDouble(), 0));
        }
        if (!node.isObject()) {
            throw new ProfileFileException(where + ": expected a number or a map with " + fields);
        }
        requireKnownFields(where, node, fields);
        double median = node.has(medianField) ? number(where, node, medianField) : previous.median();
        double sigma = node.has("sigma") ? number(where, node, "sigma") : previous.sigma();
        if (sigma < 0) {
            throw new ProfileFileException(where + ": 'sigma' must not be negative, got " + sigma);
        }
        // only time to first token has an added part (fields says which keys a quantity accepts)
        double added = node.has("added_ms") ? number(where, node, "added_ms") : previous.added();
        if (added < 0) {
            throw new ProfileFileException(where + ": 'added_ms' must not be negative, got " + added);
        }
        return positive(where, median, new LogNormal(median, sigma, added));
    }

    private static LogNormal positive(String where, double median, LogNormal value) {
        if (!(median > 0)) {
            throw new ProfileFileException(where + ": the median must be positive, got " + median);
        }
        return value;
    }

    private static ErrorInjection errors(String where, JsonNode node, ErrorInjection previous) {
        String field = where + " field 'errors'";
        if (!node.isObject()) {
            throw new ProfileFileException(field + ": expected a map with " + ERROR_FIELDS);
        }
        requireKnownFields(field, node, ERROR_FIELDS);
        double rate429 = node.has("rate_429") ? probability(field, node, "rate_429") : previous.rate429();
        double rate503 = node.has("rate_503") ? probability(field, node, "rate_503") : previous.rate503();
        if (rate429 + rate503 > 1.0) {
            throw new ProfileFileException(field + ": rate_429 + rate_503 must not exceed 1");
        }
        int retryAfter = node.has("retry_after_seconds") ? (int) longField(field, node, "retry_after_seconds")
                : previous.retryAfterSeconds();
        if (retryAfter < 0) {
            throw new ProfileFileException(field + ": 'retry_after_seconds' must not be negative");
        }
        return new ErrorInjection(rate429, rate503, retryAfter);
    }

    private static void requireKnownFields(String where, JsonNode node, Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ProfileFileException(where + ": unknown field '" + name + "'; known: "
                        + known.stream().sorted().toList());
            }
        }
    }

    private static String requiredText(String where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode() || value.asText().isBlank()) {
            throw new ProfileFileException(where + ": field '" + field + "' is required");
        }
        return value.asText();
    }

    private static double number(String where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isNumber()) {
            throw new ProfileFileException(where + ": field '" + field + "' must be a number, got '"
                    + value.asText() + "'");
        }
        return value.asDouble();
    }

    private static long longField(String where, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber()) {
            throw new ProfileFileException(where + ": field '" + field + "' must be an integer, got '"
                    + value.asText() + "'");
        }
        return value.asLong();
    }

    private static double probability(String where, JsonNode node, String field) {
        double value = number(where, node, field);
        if (value < 0 || value > 1) {
            throw new ProfileFileException(where + ": field '" + field + "' must be within [0, 1], got " + value);
        }
        return value;
    }

    private static Map<AnswerKind, Double> defaultWeights() {
        Map<AnswerKind, Double> weights = new EnumMap<>(AnswerKind.class);
        for (AnswerKind kind : AnswerKind.values()) {
            // ignoring the context is a completion's mistake: a profile gives it a weight where it wants it
            if (kind != AnswerKind.REFERENCE && kind != AnswerKind.IGNORES_CONTEXT) {
                weights.put(kind, 1.0);
            }
        }
        return weights;
    }
}
