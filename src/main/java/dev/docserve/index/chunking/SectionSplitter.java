package dev.docserve.index.chunking;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits prose sections into token-bounded chunks with LangChain4j's recursive splitter (paragraphs,
 * then lines, sentences, words) and finds each chunk's line range in the section.
 *
 * <p>The splitter normalises whitespace between paragraphs, so chunks are located by their first and
 * last lines rather than by exact offsets; a chunk that cannot be located gets the section's range.
 */
final class SectionSplitter {

    private final DocumentSplitter splitter;
    private final TokenCountEstimator tokenCounter;
    private final int maxTokens;

    SectionSplitter(ChunkBudget budget, TokenCountEstimator tokenCounter) {
        this.splitter = DocumentSplitters.recursive(budget.effectiveSize(), budget.overlap(), tokenCounter);
        this.tokenCounter = tokenCounter;
        this.maxTokens = budget.effectiveSize();
    }

    List<Chunk> split(Section section) {
        String text = section.text();
        int sectionEndLine = section.startLine() + (int) text.chars().filter(c -> c == '\n').count();
        if (tokenCounter.estimateTokenCountInText(text) <= maxTokens) {
            return List.of(new Chunk(text.strip(), section.heading(), null, section.startLine(), sectionEndLine));
        }
        List<Chunk> chunks = new ArrayList<>();
        int cursor = 0;
        for (TextSegment segment : splitter.split(Document.from(text))) {
            String chunkText = segment.text();
            int start = locate(text, firstLine(chunkText), cursor);
            int end = start < 0 ? -1 : locateEnd(text, lastLine(chunkText), start);
            if (start < 0 || end < 0) {
                chunks.add(new Chunk(chunkText, section.heading(), null, section.startLine(), sectionEndLine));
                continue;
            }
            chunks.add(new Chunk(chunkText, section.heading(), null,
                    section.startLine() + lineOf(text, start), section.startLine() + lineOf(text, end)));
            cursor = start + 1;
        }
        return chunks;
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int nl = stripped.indexOf('\n');
        String line = nl < 0 ? stripped : stripped.substring(0, nl);
        return line.length() > 60 ? line.substring(0, 60) : line;
    }

    private static String lastLine(String text) {
        String stripped = text.strip();
        String line = stripped.substring(stripped.lastIndexOf('\n') + 1);
        return line.length() > 60 ? line.substring(line.length() - 60) : line;
    }

    private static int locate(String text, String needle, int from) {
        int found = text.indexOf(needle, from);
        return found >= 0 ? found : text.indexOf(needle);
    }

    private static int locateEnd(String text, String needle, int from) {
        int found = text.indexOf(needle, from);
        return found < 0 ? -1 : found + Math.max(0, needle.length() - 1);
    }

    private static int lineOf(String text, int offset) {
        int line = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
