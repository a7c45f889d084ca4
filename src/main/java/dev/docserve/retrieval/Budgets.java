package dev.docserve.retrieval;

import dev.docserve.corpus.InvalidRequestException;

/**
 * The character budgets an agent may ask for, and their defaults. A budget bounds the text an answer
 * renders (what an agent reads); the structured form carries the same snippets plus fixed-size fields.
 */
public final class Budgets {

    /** About 1,500 tokens: five results with useful snippets, a small slice of a context window. */
    public static final int DEFAULT_SEARCH_CHARS = 6_000;
    public static final int DEFAULT_GET_CHARS = 12_000;
    public static final int DEFAULT_MULTI_GET_CHARS = 20_000;
    /** Below this not even one hit's location line fits with a readable snippet. */
    public static final int MIN_CHARS = 200;
    public static final int MAX_CHARS = 200_000;

    private Budgets() {
    }

    /** {@code value}, or {@code fallback} when null; out-of-range values are refused with the range named. */
    public static int maxChars(Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < MIN_CHARS || value > MAX_CHARS) {
            throw new InvalidRequestException("max_chars must be between " + MIN_CHARS + " and " + MAX_CHARS
                    + ", got " + value);
        }
        return value;
    }

    /**
     * {@code text} cut to at most {@code limit} characters, at a line or word break when one is near the
     * end, with an ellipsis marking the cut.
     */
    public static String trim(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        if (limit <= 1) {
            return limit == 1 ? "…" : "";
        }
        int cut = limit - 1;
        int floor = cut - Math.max(1, cut / 5);
        int breakAt = -1;
        for (int i = cut; i > floor && i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                breakAt = i;
                break;
            }
        }
        return text.substring(0, breakAt > 0 ? breakAt : cut) + "…";
    }
}
