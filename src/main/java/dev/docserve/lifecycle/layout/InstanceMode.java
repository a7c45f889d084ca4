package dev.docserve.lifecycle.layout;

import java.util.Locale;
import java.util.Optional;

/** The two kinds of instance; the wire names ({@code runtime.json}, {@code /health}, settings, flags) are the lower-case names. */
public enum InstanceMode {
    /** One server per project, its state in the project's {@code .claude/doc-serve/}. */
    PROJECT,
    /** One daemon for many registered projects, its state in the shared home. */
    SHARED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a wire name names, or empty for anything else (an unknown mode is never guessed). */
    public static Optional<InstanceMode> fromWireName(String value) {
        for (InstanceMode mode : values()) {
            if (mode.wireName().equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a setting or a flag; absent means {@link #PROJECT}.
     *
     * @throws IllegalArgumentException for any other value, naming the valid ones
     */
    public static InstanceMode parse(String value) {
        if (value == null) {
            return PROJECT;
        }
        return fromWireName(value.trim().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new IllegalArgumentException("unknown mode '" + value + "': use project or shared"));
    }
}
