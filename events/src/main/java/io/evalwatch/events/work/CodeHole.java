package io.evalwatch.events.work;

/**
 * The hole of a completion task: the file it is in (as the model sees its path) and the text before and after it.
 * The model's answer is the middle.
 */
public record CodeHole(String file, String prefix, String suffix) {

    public CodeHole {
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
    }
}
