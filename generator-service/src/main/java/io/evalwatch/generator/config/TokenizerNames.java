package io.evalwatch.generator.config;

import java.util.List;

/** The token encodings the catalogue's {@code tokenizer} setting may name (those jtokkit ships). */
public final class TokenizerNames {

    public static final List<String> KNOWN = List.of("o200k_base", "cl100k_base", "p50k_base", "r50k_base");

    private TokenizerNames() {
    }
}
