package io.evalwatch.events;

/**
 * An event about one item. Every item event carries the {@link ItemRef} fields at its top level (the wire format
 * stays flat, so records written before this interface read unchanged); {@link #item()} gives them as one record,
 * the one place a consumer reads an item's identity from.
 */
public interface ItemEvent {

    String itemId();

    String runId();

    String suite();

    String suiteVersion();

    String model();

    int sample();

    String variant();

    default ItemRef item() {
        return new ItemRef(itemId(), runId(), suite(), suiteVersion(), model(), sample(), variant());
    }
}
