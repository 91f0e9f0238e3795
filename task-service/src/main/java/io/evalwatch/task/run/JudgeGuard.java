package io.evalwatch.task.run;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a suite's LLM judge may grade a run's models. A judge must be in the catalogue and declare its family, and
 * no model under test may share it: models of one family prefer each other's answers, so such a grade would measure
 * kinship rather than quality. A model under test without a family is allowed (nothing says it is related).
 */
public final class JudgeGuard {

    private JudgeGuard() {
    }

    /**
     * @param judgeModel the suite's judge, null when it has none (nothing to check)
     * @param families family by model name (lower case), for the models that declare one
     * @throws JudgeRefusedException naming the suite, the judge, the model and the family
     */
    public static void check(String suite, String judgeModel, List<String> modelsUnderTest, Set<String> catalogue,
            Map<String, String> families) {
        if (judgeModel == null) {
            return;
        }
        if (!catalogue.contains(judgeModel)) {
            throw new JudgeRefusedException("suite '" + suite + "' asks for judge '" + judgeModel + "', which is not"
                    + " in the model catalogue; configured models: " + catalogue);
        }
        String judgeFamily = families.get(judgeModel);
        if (judgeFamily == null) {
            throw new JudgeRefusedException("suite '" + suite + "' asks for judge '" + judgeModel + "', which"
                    + " declares no family in the model catalogue; add family: <vendor-line> to its entry so it can"
                    + " be kept from judging its own family");
        }
        for (String model : modelsUnderTest) {
            if (judgeFamily.equals(families.get(model))) {
                throw new JudgeRefusedException("suite '" + suite + "': judge '" + judgeModel + "' and model '"
                        + model + "' are both of family '" + judgeFamily + "'; a model is never judged by its own"
                        + " family. Run " + model + " without this suite's judge, or choose a judge of another"
                        + " family");
            }
        }
    }
}
