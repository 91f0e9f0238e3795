package io.evalwatch.task.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JudgeGuardTest {

    private static final Set<String> CATALOGUE = Set.of("gpt-4o", "gpt-4o-mini", "claude", "local", "bare-judge");
    private static final Map<String, String> FAMILIES = Map.of("gpt-4o", "openai-gpt-4", "gpt-4o-mini",
            "openai-gpt-4", "claude", "anthropic-claude-3");

    @Test
    void aJudgeOfAnotherFamilyOrModelsWithoutOneAreAllowed() {
        assertDoesNotThrow(() -> JudgeGuard.check("s", "claude", List.of("gpt-4o", "local"), CATALOGUE, FAMILIES));
        assertDoesNotThrow(() -> JudgeGuard.check("s", null, List.of("gpt-4o"), CATALOGUE, FAMILIES), "no judge");
    }

    @Test
    void aModelOfTheJudgesFamilyIsRefusedNamingSuiteJudgeModelAndFamily() {
        JudgeRefusedException e = assertThrows(JudgeRefusedException.class,
                () -> JudgeGuard.check("humaneval", "gpt-4o", List.of("claude", "gpt-4o-mini"), CATALOGUE, FAMILIES));
        String message = e.getMessage();
        assertTrue(message.contains("'humaneval'") && message.contains("'gpt-4o'") && message.contains("'gpt-4o-mini'")
                && message.contains("'openai-gpt-4'"), message);
    }

    @Test
    void theJudgeItselfAsAModelUnderTestIsItsOwnFamily() {
        assertThrows(JudgeRefusedException.class,
                () -> JudgeGuard.check("s", "claude", List.of("claude"), CATALOGUE, FAMILIES));
    }

    @Test
    void aJudgeOutsideTheCatalogueOrWithoutAFamilyIsRefused() {
        assertTrue(assertThrows(JudgeRefusedException.class,
                () -> JudgeGuard.check("s", "gpt-9", List.of("local"), CATALOGUE, FAMILIES)).getMessage()
                .contains("not in the model catalogue"));
        assertTrue(assertThrows(JudgeRefusedException.class,
                () -> JudgeGuard.check("s", "bare-judge", List.of("local"), CATALOGUE, FAMILIES)).getMessage()
                .contains("declares no family"));
    }
}
