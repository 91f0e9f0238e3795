package io.evalwatch.events.serde;

import io.evalwatch.events.ItemScored;

/** Kafka deserializer for {@link ItemScored}. */
public class ItemScoredDeserializer extends EventDeserializer<ItemScored> {

    public ItemScoredDeserializer() {
        super(ItemScored.class);
    }
}
