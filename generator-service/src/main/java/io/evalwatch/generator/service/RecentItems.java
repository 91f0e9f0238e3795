package io.evalwatch.generator.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Item ids this instance has taken on recently (bounded, oldest forgotten first). A redelivered item (Kafka is
 * at-least-once) is skipped instead of being paid for twice; its first copy either produced an event or was sent
 * to the dead-letter topic. After a restart the memory is empty and downstream idempotence takes over.
 */
@ApplicationScoped
public class RecentItems {

    static final int CAPACITY = 50_000;

    private final Map<String, Boolean> items = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Returns false if the item was already taken on. */
    public synchronized boolean claim(String itemId) {
        return items.putIfAbsent(itemId, Boolean.TRUE) == null;
    }

    /** Forgets an item whose processing failed, so a redelivery may try it again. */
    public synchronized void release(String itemId) {
        items.remove(itemId);
    }
}
