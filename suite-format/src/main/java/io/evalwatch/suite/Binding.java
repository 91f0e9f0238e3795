package io.evalwatch.suite;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.HibernateValidator;

/**
 * Binds a YAML document to a record and validates it, collecting every problem with its place in the file.
 *
 * <p>Jackson binds with {@code FAIL_ON_UNKNOWN_PROPERTIES}; a problem handler turns each unknown field and each
 * value of the wrong type into a collected problem and binds on (the value becomes null), so one file yields all its
 * problems at once. Bean Validation then checks the bound record; a violation's property path is turned into the
 * JSON pointer whose line and column {@link YamlScan} recorded.
 */
final class Binding {

    /** An unknown field, formatted by the caller that knows which fields would fit (they differ per kind). */
    record UnknownField(String parentPointer, String name, Class<?> type, List<String> known) {
    }

    static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // 2.5 is not a whole number of anything; do not truncate it quietly
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    /** What to write, by field name, for values of the wrong type (others: by the Java type). */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("complexity", "a whole number 1..3"),
            Map.entry("tier", "a whole number 1..3"),
            Map.entry("lines", "[start, end], two line numbers"),
            Map.entry("memory_mb", "a whole number of megabytes 16..65536"),
            Map.entry("timeout_seconds", "a number of seconds, more than 0 and at most 600"),
            Map.entry("tests", "a list of {name, code, edge}"),
            Map.entry("edge", "true or false"),
            Map.entry("tags", "a list of words such as [domain:billing, nullability]"),
            Map.entry("context_files", "a list of paths under the suite's codebase/"),
            Map.entry("files", "a list of {path, content}"),
            Map.entry("findings", "a list of {file, lines: [start, end], tier, category, severity, note}"),
            Map.entry("gold", "a list of {file, symbol}"),
            Map.entry("simulation", "a mapping of off_by_one, missing_edge_case or ignores_context to code"),
            Map.entry("judge", "a mapping {model: <a model of the catalogue>}"));

    private static volatile Validator validator;

    private Binding() {
    }

    /**
     * The record bound from text, or null when the text is not YAML or not a mapping; problems (syntax, unknown
     * fields, wrong types, constraint violations) go to problems, unknown fields to unknown.
     */
    static <T> T bind(String text, Class<T> type, FileProblems problems, List<UnknownField> unknown) {
        T value;
        try {
            value = MAPPER.readerFor(type).withHandler(new Collecting(problems, unknown)).readValue(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String message = e.getOriginalMessage().lines().findFirst().orElse("");
            problems.addAt(at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
                    (e instanceof com.fasterxml.jackson.core.JsonParseException ? "not valid YAML: " : "")
                            + message);
            return null;
        } catch (IOException e) {
            problems.addAt(1, 1, "cannot be read: " + e.getMessage());
            return null;
        }
        if (value == null) {
            problems.add("", "the file is empty; expected a mapping of fields");
            return null;
        }
        validate(value, problems);
        return value;
    }

    private static void validate(Object value, FileProblems problems) {
        List<ConstraintViolation<Object>> violations = new ArrayList<>(validator().validate(value));
        for (ConstraintViolation<Object> violation : violations) {
            String pointer = pointer(violation.getPropertyPath());
            if (!problems.reportedAt(pointer)) {
                problems.add(pointer, violation.getMessage());
            }
        }
    }

    /** {@code tests[0].code} → {@code /tests/0/code}, names in the file's snake_case. */
    static String pointer(Path path) {
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            } else if (node.getKey() != null) {
                pointer.append('/').append(node.getKey());
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                pointer.append('/').append(SNAKE_CASE.translate(node.getName()));
            }
        }
        return pointer.toString();
    }

    /** {@code /tests/0/edge} → {@code tests[0].edge}, as messages name a field. */
    static String fieldPath(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.chars().allMatch(Character::isDigit)) {
                path.append('[').append(segment).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(segment);
            }
        }
        return path.toString();
    }

    private static Validator validator() {
        if (validator == null) {
            synchronized (Binding.class) {
                if (validator == null) {
                    // the provider named, so no other Bean Validation provider on a service's classpath is picked
                    validator = Validation.byProvider(HibernateValidator.class).configure()
                            .buildValidatorFactory().getValidator();
                }
            }
        }
        return validator;
    }

    /** Collects unknown fields and wrong types instead of failing on the first. */
    private static final class Collecting extends DeserializationProblemHandler {

        private final FileProblems problems;
        private final List<UnknownField> unknown;

        Collecting(FileProblems problems, List<UnknownField> unknown) {
            this.problems = problems;
            this.unknown = unknown;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
            List<String> known = new ArrayList<>();
            Collection<Object> names = deserializer.getKnownPropertyNames();
            if (names != null) {
                names.forEach(n -> known.add(String.valueOf(n)));
            }
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            unknown.add(new UnknownField(containerPointer(ctxt, p), propertyName, type, known));
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value,
                String failureMsg) {
            wrongType(YamlScan.pointer(ctxt.getParser()), targetType, "\"" + value + "\"");
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value,
                String failureMsg) {
            wrongType(YamlScan.pointer(ctxt.getParser()), targetType, String.valueOf(value));
            return null;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t,
                JsonParser p, String failureMsg) throws IOException {
            wrongType(YamlScan.pointer(p), targetType.getRawClass(), describe(t, p));
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                ValueInstantiator valueInsts, JsonParser p, String msg) throws IOException {
            wrongType(YamlScan.pointer(p), instClass, describe(p.currentToken(), p));
            p.skipChildren();
            return null;
        }

        private void wrongType(String pointer, Class<?> type, String got) {
            String field = fieldPath(pointer);
            String name = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
            name = name.replaceAll("\\[\\d+]$", "");
            String expected = EXPECTED.getOrDefault(name, expected(type));
            if (field.endsWith("]") && EXPECTED.containsKey(name)) {
                expected = expected(type); // an item of the list, not the list
            }
            problems.add(pointer, (field.isEmpty() ? "the file" : field) + ": expected " + expected + ", got " + got);
        }

        private static String expected(Class<?> type) {
            if (type == Integer.class || type == int.class || type == Long.class) {
                return "a whole number";
            }
            if (type == Double.class || type == double.class) {
                return "a number";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "true or false";
            }
            if (type == String.class) {
                return "text (a scalar; use | for several lines)";
            }
            if (Collection.class.isAssignableFrom(type)) {
                return "a list";
            }
            if (type.isRecord()) {
                return "a mapping of " + Fields.of(type);
            }
            return "a " + type.getSimpleName();
        }

        private static String describe(JsonToken t, JsonParser p) throws IOException {
            if (t == JsonToken.START_ARRAY) {
                return "a list";
            }
            if (t == JsonToken.START_OBJECT) {
                return "a mapping";
            }
            if (t == JsonToken.VALUE_STRING) {
                return "\"" + p.getText() + "\"";
            }
            return t == null ? "nothing" : p.getText();
        }

        /**
         * The pointer of the mapping an unknown field is in. Records bind through their constructor, so Jackson
         * buffers unknown fields and hands them over from a buffer once the mapping is read: then the file's parser
         * stands at the mapping's end, where its context is the mapping's parent, named by the mapping's own key.
         */
        private static String containerPointer(DeserializationContext ctxt, JsonParser p) {
            JsonParser file = ctxt.getParser();
            if (p == file) {
                String pointer = YamlScan.pointer(p);
                int slash = pointer.lastIndexOf('/');
                return slash < 0 ? "" : pointer.substring(0, slash);
            }
            return file.getParsingContext().pathAsPointer().toString();
        }
    }
}
