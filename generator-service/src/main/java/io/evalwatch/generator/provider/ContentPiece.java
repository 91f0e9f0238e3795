package io.evalwatch.generator.provider;

/** A piece of answer text from one stream chunk, with the time its chunk arrived. */
public record ContentPiece(String text, long arrivedNanos) {
}
