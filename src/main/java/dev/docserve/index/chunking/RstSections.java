package dev.docserve.index.chunking;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Cuts reStructuredText into sections at its titles and tracks the heading path.
 *
 * <p>An RST title is a line of text underlined (optionally also overlined) by a line of one repeated
 * punctuation character at least as long as the text. RST has no fixed levels: the first style met
 * (character, with or without overline) is level 1, the next new style level 2, and so on, as
 * docutils assigns them. Indented lines (literal blocks, directives' bodies) never hold titles.
 */
final class RstSections {

    private static final Pattern ADORNMENT = Pattern.compile("^([=\\-`:'\"~^_*+#.<>])\\1{2,}\\s*$");

    private RstSections() {
    }

    private record Heading(int level, String title) {
    }

    static List<Section> split(String text) {
        String[] lines = text.split("\r?\n", -1);
        List<String> styles = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        Deque<Heading> path = new ArrayDeque<>();
        int start = 0;
        for (int i = 0; i + 1 < lines.length; i++) {
            String title = lines[i];
            String under = lines[i + 1];
            if (title.isBlank() || Character.isWhitespace(title.charAt(0)) || !ADORNMENT.matcher(under).matches()
                    || under.strip().length() < title.strip().length() || ADORNMENT.matcher(title).matches()) {
                continue;
            }
            boolean overline = i > 0 && ADORNMENT.matcher(lines[i - 1]).matches()
                    && lines[i - 1].strip().charAt(0) == under.strip().charAt(0);
            int headingStart = overline ? i - 1 : i;
            String style = under.strip().charAt(0) + (overline ? "o" : "");
            if (!styles.contains(style)) {
                styles.add(style);
            }
            int level = styles.indexOf(style) + 1;
            flush(sections, lines, start, headingStart, path);
            start = headingStart;
            while (!path.isEmpty() && path.peekLast().level() >= level) {
                path.removeLast();
            }
            path.addLast(new Heading(level, title.strip()));
            i++; // the underline is not a title
        }
        flush(sections, lines, start, lines.length, path);
        return mergeHeadingOnly(sections);
    }

    private static void flush(List<Section> sections, String[] lines, int from, int to, Deque<Heading> path) {
        if (from >= to) {
            return;
        }
        String body = String.join("\n", java.util.Arrays.asList(lines).subList(from, to));
        if (body.isBlank()) {
            return;
        }
        String heading = path.isEmpty() ? null : path.stream().map(Heading::title).collect(Collectors.joining(" > "));
        sections.add(new Section(heading, body, from + 1, path.size()));
    }

    /** A title directly followed by a subtitle has no body of its own: it joins the next section. */
    private static List<Section> mergeHeadingOnly(List<Section> sections) {
        List<Section> out = new ArrayList<>();
        Section carried = null;
        for (Section section : sections) {
            if (carried != null) {
                section = new Section(section.heading(), carried.text() + "\n" + section.text(), carried.startLine(),
                        carried.depth());
                carried = null;
            }
            if (isOnlyTitle(section.text())) {
                carried = section;
            } else {
                out.add(section);
            }
        }
        if (carried != null) {
            out.add(carried);
        }
        return out;
    }

    private static boolean isOnlyTitle(String text) {
        return text.lines().filter(line -> !line.isBlank() && !ADORNMENT.matcher(line).matches()).count() <= 1;
    }
}
