package dev.docserve.corpus;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A path glob, compiled to a regular expression that both {@link java.util.regex.Pattern} and
 * Lucene's {@code RegExp} accept (so filters and file selection agree on what a glob means).
 *
 * <p>Syntax, matched against '/'-separated relative paths:
 * {@code *} any run of characters within one path segment, {@code ?} one character within a segment,
 * {@code **} any run of characters across segments, {@code **}{@code /} zero or more whole directories
 * (so {@code **}{@code /*.md} also matches {@code README.md}), {@code {a,b}} alternatives and
 * {@code [abc]} / {@code [!abc]} character classes. A glob without any '/' matches at any depth, as in
 * {@code .gitignore}: {@code *.log} matches {@code logs/app.log}. Leading "./" and "/" are ignored.
 *
 * <p>Every literal character other than a letter or digit is escaped with a backslash, which both
 * regex dialects read as "this character itself"; that is why the generated expression uses no
 * dialect-specific constructs such as {@code \Q...\E}.
 */
public final class Glob {

    private final String glob;
    private final String regex;
    private final Pattern pattern;

    private Glob(String glob) {
        this.glob = glob;
        this.regex = toRegex(normalise(glob));
        try {
            this.pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            // e.g. a reversed range [z-a]; the regular expression it became means nothing to the caller.
            throw new InvalidRequestException("malformed glob '" + glob + "' (" + e.getDescription()
                    + "); globs use *, **, ?, {a,b} and [abc]");
        }
    }

    public static Glob of(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new InvalidRequestException("a glob must not be blank");
        }
        return new Glob(glob.trim());
    }

    public boolean matches(String relativePath) {
        return pattern.matcher(relativePath).matches();
    }

    /** The expression in the common subset of Java and Lucene regular expression syntax. */
    public String regex() {
        return regex;
    }

    @Override
    public String toString() {
        return glob;
    }

    private static String normalise(String glob) {
        String g = glob.replace('\\', '/');
        while (g.startsWith("./")) {
            g = g.substring(2);
        }
        while (g.startsWith("/")) {
            g = g.substring(1);
        }
        if (!g.contains("/")) {
            g = "**/" + g;
        }
        return g;
    }

    private static String toRegex(String glob) {
        StringBuilder out = new StringBuilder();
        int braceDepth = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                    if (doubleStar) {
                        boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
                        boolean followedBySlash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                        if (segmentStart && followedBySlash) {
                            out.append("(.*/)?");
                            i += 2;
                        } else {
                            out.append(".*");
                            i += 1;
                        }
                    } else {
                        out.append("[^/]*");
                    }
                }
                case '?' -> out.append("[^/]");
                case '{' -> {
                    braceDepth++;
                    out.append('(');
                }
                case '}' -> {
                    if (braceDepth > 0) {
                        braceDepth--;
                        out.append(')');
                    } else {
                        out.append("\\}");
                    }
                }
                case ',' -> out.append(braceDepth > 0 ? "|" : "\\,");
                case '[' -> i = appendCharacterClass(glob, i, out);
                default -> appendLiteral(c, out);
            }
        }
        if (braceDepth > 0) {
            throw new InvalidRequestException("unclosed '{' in glob '" + glob + "'");
        }
        return out.toString();
    }

    private static int appendCharacterClass(String glob, int open, StringBuilder out) {
        int close = glob.indexOf(']', open + 2);
        if (close < 0) {
            appendLiteral('[', out);
            return open;
        }
        int i = open + 1;
        boolean negated = glob.charAt(i) == '!' || glob.charAt(i) == '^';
        if (negated && i + 1 >= close) {
            // "[!]" holds no character to negate: the '[' is a literal.
            appendLiteral('[', out);
            return open;
        }
        out.append(negated ? "[^" : "[");
        if (negated) {
            i++;
        }
        for (; i < close; i++) {
            char c = glob.charAt(i);
            if (c == '-' && i > open + 1 && i + 1 < close) {
                out.append('-');
            } else {
                appendLiteral(c, out);
            }
        }
        out.append(']');
        return close;
    }

    private static void appendLiteral(char c, StringBuilder out) {
        if (!Character.isLetterOrDigit(c)) {
            out.append('\\');
        }
        out.append(c);
    }
}
