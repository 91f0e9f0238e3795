package io.evalwatch.generator.extraction;

/** The code found in an answer and how it was found; {@code code} is empty when the format is NONE. */
public record ExtractedCode(String code, CodeFormat format) {
}
