package dev.docserve.index.chunking;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Cuts Markdown or AsciiDoc text into sections at headings and tracks the heading path
 * ("Guide > Install > Linux"). Headings inside fenced/delimited code blocks and YAML front matter are
 * ignored. A heading immediately followed by another heading is carried into the next section instead
 * of becoming a chunk of its own.
 */
final class HeadingSections {

    private static final Pattern MARKDOWN_ATX = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern MARKDOWN_SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
    private static final Pattern MARKDOWN_FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern ASCIIDOC_HEADING = Pattern.compile("^(={1,6})[ \\t]+(.+?)[ \\t]*$");
    private static final Pattern ASCIIDOC_DELIMITER = Pattern.compile("^(----|\\.\\.\\.\\.|\\+\\+\\+\\+|////)[ \\t]*$");

    private final boolean markdown;

    private HeadingSections(boolean markdown) {
        this.markdown = markdown;
    }

    static List<Section> markdown(String text) {
        return new HeadingSections(true).split(text);
    }

    static List<Section> asciiDoc(String text) {
        return new HeadingSections(false).split(text);
    }

    private record Heading(int level, String title) {
    }

    private List<Section> split(String text) {
        String[] lines = text.split("\r?\n", -1);
        List<Section> sections = new ArrayList<>();
        Deque<Heading> path = new ArrayDeque<>();
        List<String> current = new ArrayList<>();
        int currentStart = 1;
        boolean bodySeen = false;
        boolean inBlock = false;
        int openingDepth = 0; // heading depth of the current section's first heading; 0 before any
        int i = frontMatterEnd(lines);
        for (int k = 0; k < i; k++) {
            current.add(lines[k]);
        }
        for (; i < lines.length; i++) {
            String line = lines[i];
            if (isBlockDelimiter(line)) {
                inBlock = !inBlock;
            }
            Heading heading = inBlock ? null : atxHeading(line);
            boolean setext = false;
            if (heading == null && !inBlock && markdown && i > 0 && bodySeen && !current.isEmpty()) {
                Matcher m = MARKDOWN_SETEXT.matcher(line);
                String previous = current.get(current.size() - 1);
                if (m.matches() && !previous.isBlank() && atxHeading(previous) == null) {
                    heading = new Heading(m.group(1).charAt(0) == '=' ? 1 : 2, previous.strip());
                    setext = true;
                }
            }
            if (heading == null) {
                current.add(line);
                bodySeen |= !line.isBlank();
                continue;
            }
            List<String> carried = new ArrayList<>();
            if (setext) {
                carried.add(current.remove(current.size() - 1));
            }
            int headingStart = setext ? i : i + 1;
            boolean opens = bodySeen || current.isEmpty();
            if (bodySeen) {
                flush(sections, path, current, currentStart, openingDepth);
                current = new ArrayList<>();
                currentStart = headingStart;
            } else if (current.isEmpty()) {
                currentStart = headingStart;
            }
            // else: the previous heading had no body; keep its lines as a prefix of this section.
            current.addAll(carried);
            current.add(line);
            bodySeen = false;
            while (!path.isEmpty() && path.peekLast().level() >= heading.level()) {
                path.removeLast();
            }
            path.addLast(heading);
            if (opens) {
                openingDepth = path.size();
            }
        }
        flush(sections, path, current, currentStart, openingDepth);
        return sections;
    }

    private Heading atxHeading(String line) {
        Matcher m = (markdown ? MARKDOWN_ATX : ASCIIDOC_HEADING).matcher(line);
        return m.matches() && !m.group(2).isBlank() ? new Heading(m.group(1).length(), m.group(2).strip()) : null;
    }

    private boolean isBlockDelimiter(String line) {
        return (markdown ? MARKDOWN_FENCE : ASCIIDOC_DELIMITER).matcher(line).find();
    }

    private int frontMatterEnd(String[] lines) {
        if (!markdown || lines.length == 0 || !lines[0].strip().equals("---")) {
            return 0;
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---") || lines[i].strip().equals("...")) {
                return i + 1;
            }
        }
        return 0;
    }

    private static void flush(List<Section> sections, Deque<Heading> path, List<String> lines, int start, int depth) {
        String text = String.join("\n", lines);
        if (text.isBlank()) {
            return;
        }
        String heading = path.isEmpty() ? null
                : path.stream().map(Heading::title).collect(Collectors.joining(" > "));
        sections.add(new Section(heading, text, start, depth));
    }
}
