package dev.docserve.index.chunking;

import dev.langchain4j.model.TokenCountEstimator;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs consecutive small sections into one up to the token budget, so that a document of many short
 * sections becomes a few chunks that each say something whole, not one chunk per heading.
 *
 * <p>A group starts at a section of heading depth d and takes the following sections while the total
 * stays within the budget and each has depth ≥ d: sub-sections and siblings join (no higher-level
 * heading came between them, so siblings share their parent), and a heading of a higher level
 * (depth &lt; d) always starts a new chunk: a chunk that starts inside a chapter never runs into the next. The
 * merged section is the exact span of lines it covers; its heading is the heading path its sections
 * share (the first one's if they share none).
 */
final class SectionMerger {

    private final int maxTokens;
    private final TokenCountEstimator tokenCounter;

    SectionMerger(ChunkBudget budget, TokenCountEstimator tokenCounter) {
        this.maxTokens = budget.effectiveSize();
        this.tokenCounter = tokenCounter;
    }

    List<Section> merge(List<Section> sections) {
        List<Section> out = new ArrayList<>();
        List<Section> group = new ArrayList<>();
        int groupTokens = 0;
        for (Section section : sections) {
            int tokens = tokenCounter.estimateTokenCountInText(section.text());
            boolean fits = !group.isEmpty() && groupTokens + tokens <= maxTokens
                    && section.depth() >= group.get(0).depth()
                    && group.get(group.size() - 1).startLine() < section.startLine();
            if (!fits) {
                flush(out, group);
                group = new ArrayList<>();
                groupTokens = 0;
            }
            group.add(section);
            groupTokens += tokens;
        }
        flush(out, group);
        return out;
    }

    private static void flush(List<Section> out, List<Section> group) {
        if (group.isEmpty()) {
            return;
        }
        if (group.size() == 1) {
            out.add(group.get(0));
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Section section : group) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(section.text());
        }
        Section first = group.get(0);
        out.add(new Section(sharedHeading(group), text.toString(), first.startLine(), first.depth()));
    }

    private static String sharedHeading(List<Section> group) {
        String shared = group.get(0).heading();
        for (Section section : group) {
            shared = commonPath(shared, section.heading());
        }
        return shared == null || shared.isEmpty() ? group.get(0).heading() : shared;
    }

    private static String commonPath(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        String[] left = a.split(" > ");
        String[] right = b.split(" > ");
        List<String> common = new ArrayList<>();
        for (int i = 0; i < Math.min(left.length, right.length) && left[i].equals(right[i]); i++) {
            common.add(left[i]);
        }
        return String.join(" > ", common);
    }
}
