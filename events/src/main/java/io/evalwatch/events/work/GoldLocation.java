package io.evalwatch.events.work;

/** Where a search task's answer is: a file of the corpus and, where it matters, the symbol in it (null: the file). */
public record GoldLocation(String file, String symbol) {

    public GoldLocation {
        symbol = symbol == null || symbol.isBlank() ? null : symbol.strip();
    }
}
