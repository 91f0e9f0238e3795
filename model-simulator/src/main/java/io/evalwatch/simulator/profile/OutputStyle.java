package io.evalwatch.simulator.profile;

import java.util.Locale;

/** How a simulated model wraps code in its reply. */
public enum OutputStyle {
    /** One fenced code block and nothing else. */
    FENCED,
    /** A sentence of prose, the fenced block, a sentence after it. */
    FENCED_WITH_PROSE,
    /** The code alone, no fence. */
    RAW;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The style named by a profile-file label; null when none is. */
    public static OutputStyle fromLabel(String label) {
        for (OutputStyle style : values()) {
            if (style.label().equals(label)) {
                return style;
            }
        }
        return null;
    }
}
