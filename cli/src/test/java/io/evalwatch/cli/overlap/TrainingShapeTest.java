package io.evalwatch.cli.overlap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMPT = "Write a function that adds two numbers.";
    private static final String CODE = "def add(a, b):\n    return a + b";

    private static List<Document> read(String json) throws Exception {
        return TrainingShape.documents(JSON.readTree(json));
    }

    private static List<String> parts(List<Document> documents) {
        return documents.stream().map(Document::part).toList();
    }

    @Test
    void promptCompletionIsEachFieldAndBoth() throws Exception {
        List<Document> docs = read(JSON.writeValueAsString(java.util.Map.of("prompt", PROMPT, "completion", CODE)));
        assertEquals(List.of("prompt", "completion", "prompt+completion"), parts(docs));
        assertEquals(OverlapText.normalise(PROMPT) + " " + OverlapText.normalise(CODE), docs.get(2).text());
    }

    @Test
    void alpacaLeavesOutAnEmptyInput() throws Exception {
        List<Document> docs = read("{\"instruction\": \"" + PROMPT + "\", \"input\": \"\", \"output\": "
                + JSON.writeValueAsString(CODE) + "}");
        assertEquals(List.of("instruction", "output", "instruction+input+output"), parts(docs));
    }

    @Test
    void chatMessagesAreEachContentAndTheConversation() throws Exception {
        List<Document> docs = read("{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"},"
                + " {\"role\": \"user\", \"content\": \"" + PROMPT + "\"}, {\"role\": \"assistant\", \"content\": "
                + JSON.writeValueAsString(CODE) + "}]}");
        // "be brief." is shorter than a document's minimum on its own, but part of the conversation
        assertEquals(List.of("messages[1]", "messages[2]", "messages"), parts(docs));
        assertEquals("be brief. " + OverlapText.normalise(PROMPT) + " " + OverlapText.normalise(CODE),
                docs.get(2).text());
    }

    @Test
    void textAndCodeAreOneDocument() throws Exception {
        assertEquals(List.of("text"), parts(read("{\"text\": \"" + PROMPT + "\"}")));
        assertEquals(List.of("code"), parts(read("{\"code\": " + JSON.writeValueAsString(CODE) + ", \"id\": 3}")));
    }

    @Test
    void anUnknownShapeIsItsStringValuesJoined() throws Exception {
        List<Document> docs = read("{\"question\": \"" + PROMPT + "\", \"score\": 3, \"answer\": "
                + JSON.writeValueAsString(CODE) + "}");
        assertEquals(List.of("string values"), parts(docs));
        assertEquals(OverlapText.normalise(PROMPT + "\n" + CODE), docs.get(0).text());
    }

    @Test
    void aRecordThatIsNotAnObjectIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("[1, 2]"));
        assertEquals("expected a JSON object, got an array", e.getMessage());
        assertEquals(List.of(), parts(assertDoesNotThrow("{\"text\": \"short\"}")));
    }

    private static List<Document> assertDoesNotThrow(String json) {
        try {
            return read(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
