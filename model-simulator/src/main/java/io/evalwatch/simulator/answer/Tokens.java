package io.evalwatch.simulator.answer;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's tokenizer: a token is the whitespace before it plus up to four non-whitespace characters (about
 * what a BPE tokenizer makes of code). Streaming sends one token per chunk and usage counts the same tokens, so the
 * two always agree; joining the tokens gives back the text exactly.
 */
public final class Tokens {

    private static final int MAX_CHARS = 4;

    private Tokens() {
    }

    public static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int visible = 0;
            while (i < n && !Character.isWhitespace(text.charAt(i)) && visible < MAX_CHARS) {
                // never split a surrogate pair
                i += Character.charCount(text.codePointAt(i));
                visible++;
            }
            if (visible == 0 && !tokens.isEmpty()) {
                // trailing whitespace joins the last token
                tokens.set(tokens.size() - 1, tokens.get(tokens.size() - 1) + text.substring(start, i));
            } else {
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }

    /** An estimate of the tokens of a prompt: about four characters per token, at least one. */
    public static int estimate(int characters) {
        return Math.max(1, (characters + MAX_CHARS - 1) / MAX_CHARS);
    }
}
