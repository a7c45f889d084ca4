package dev.docserve.corpus;

import java.util.Locale;

/** What a chunk was cut from: prose documentation, production code, or test code. */
public enum SourceType {
    DOC,
    CODE,
    TEST;

    /** The wire name used in requests, results and the index ("doc", "code", "test"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name case-insensitively; throws {@link IllegalArgumentException} naming the valid values. */
    public static SourceType fromWireName(String name) {
        for (SourceType type : values()) {
            if (type.wireName().equalsIgnoreCase(name.trim())) {
                return type;
            }
        }
        throw new InvalidRequestException("unknown source type '" + name + "': use doc, code or test");
    }
}
