package dev.docserve.index.chunking;

import dev.langchain4j.model.TokenCountEstimator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chunks source code at declaration boundaries, keeping exact line ranges and indentation.
 *
 * <p>Each line that starts a declaration (see {@link DeclarationPatterns}), together with the
 * comments and annotations right above it, opens a unit. Units are packed greedily into chunks of at
 * most the effective token budget, so small methods share a chunk and a chunk boundary always falls
 * between declarations when it can. A unit larger than the budget is cut at line boundaries, with
 * {@code overlap} tokens of trailing lines repeated; a single line larger than the budget (minified
 * code) is cut by words.
 *
 * <p>The chunk's symbol is the qualified name of the first declaration it starts with, nesting taken
 * from indentation ("Parser.parse"), or of the declaration it continues.
 */
final class CodeChunker {

    private final ChunkBudget budget;
    private final TokenCountEstimator tokenCounter;

    CodeChunker(ChunkBudget budget, TokenCountEstimator tokenCounter) {
        this.budget = budget;
        this.tokenCounter = tokenCounter;
    }

    List<Chunk> chunk(String text, String language) {
        String[] lines = text.split("\r?\n", -1);
        int[] tokens = new int[lines.length];
        String[] symbolAt = new String[lines.length];
        boolean[] declares = new boolean[lines.length];
        boolean[] unitStart = new boolean[lines.length];
        analyse(lines, language, tokens, symbolAt, declares, unitStart);

        List<Chunk> chunks = new ArrayList<>();
        int chunkStart = 0;
        int chunkTokens = 0;
        for (int unitBegin = 0; unitBegin < lines.length; ) {
            int unitEnd = unitBegin + 1;
            while (unitEnd < lines.length && !unitStart[unitEnd]) {
                unitEnd++;
            }
            int unitTokens = sum(tokens, unitBegin, unitEnd);
            if (chunkTokens + unitTokens <= budget.effectiveSize()) {
                chunkTokens += unitTokens;
            } else {
                if (chunkTokens > 0) {
                    emit(chunks, lines, symbolAt, declares, chunkStart, unitBegin);
                }
                chunkStart = unitBegin;
                chunkTokens = unitTokens;
                if (unitTokens > budget.effectiveSize()) {
                    splitLargeUnit(chunks, lines, tokens, symbolAt, declares, unitBegin, unitEnd);
                    chunkStart = unitEnd;
                    chunkTokens = 0;
                }
            }
            unitBegin = unitEnd;
        }
        if (chunkTokens > 0) {
            emit(chunks, lines, symbolAt, declares, chunkStart, lines.length);
        }
        return chunks;
    }

    private void analyse(String[] lines, String language, int[] tokens, String[] symbolAt, boolean[] declares,
                         boolean[] unitStart) {
        record Scope(int indent, String name) {
        }
        Deque<Scope> scopes = new ArrayDeque<>();
        for (int i = 0; i < lines.length; i++) {
            tokens[i] = lines[i].isBlank() ? 1 : tokenCounter.estimateTokenCountInText(lines[i]) + 1;
            int indent = indentation(lines[i]);
            Optional<String> name = DeclarationPatterns.declaredName(language, lines[i]);
            if (!lines[i].isBlank()) {
                while (!scopes.isEmpty() && scopes.peekLast().indent() >= indent
                        && (name.isPresent() || closesScope(lines[i], scopes.peekLast().indent(), indent))) {
                    scopes.removeLast();
                }
            }
            if (name.isPresent()) {
                declares[i] = true;
                scopes.addLast(new Scope(indent, name.get()));
                int begin = i;
                while (begin > 0 && !unitStart[begin] && !lines[begin - 1].isBlank()
                        && DeclarationPatterns.isLeadingDecoration(lines[begin - 1])) {
                    begin--;
                }
                unitStart[begin] = true;
            }
            symbolAt[i] = scopes.isEmpty() ? null
                    : scopes.stream().map(Scope::name).collect(Collectors.joining("."));
        }
    }

    /** A non-blank line at or left of a scope's indentation ends it (Python dedent, closing brace). */
    private static boolean closesScope(String line, int scopeIndent, int indent) {
        return indent < scopeIndent || (indent == scopeIndent && !line.strip().startsWith("}") && !line.strip().startsWith(")"));
    }

    private void splitLargeUnit(List<Chunk> chunks, String[] lines, int[] tokens, String[] symbolAt, boolean[] declares,
                                int begin, int end) {
        int start = begin;
        while (start < end) {
            if (tokens[start] > budget.effectiveSize()) {
                splitLongLine(chunks, lines[start], symbolAt[start], start);
                start++;
                continue;
            }
            int stop = start;
            int used = 0;
            while (stop < end && tokens[stop] <= budget.effectiveSize() && used + tokens[stop] <= budget.effectiveSize()) {
                used += tokens[stop++];
            }
            emit(chunks, lines, symbolAt, declares, start, stop);
            if (stop >= end) {
                break;
            }
            int next = stop;
            int overlap = 0;
            while (next - 1 > start && overlap + tokens[next - 1] <= budget.overlap()) {
                overlap += tokens[--next];
            }
            start = next;
        }
    }

    private void splitLongLine(List<Chunk> chunks, String line, String symbol, int index) {
        SectionSplitter splitter = new SectionSplitter(budget, tokenCounter);
        for (Chunk piece : splitter.split(new Section(null, line, index + 1))) {
            chunks.add(new Chunk(piece.text(), null, symbol, index + 1, index + 1));
        }
    }

    private static void emit(List<Chunk> chunks, String[] lines, String[] symbolAt, boolean[] declares, int start,
                             int end) {
        int first = start;
        int last = end - 1;
        while (first <= last && lines[first].isBlank()) {
            first++;
        }
        while (last >= first && lines[last].isBlank()) {
            last--;
        }
        if (first > last) {
            return;
        }
        StringBuilder text = new StringBuilder();
        String symbol = symbolAt[first];
        for (int i = first; i <= last; i++) {
            if (i > first) {
                text.append('\n');
            }
            text.append(lines[i]);
        }
        for (int i = first; i <= last; i++) {
            if (declares[i]) {
                symbol = symbolAt[i];
                break;
            }
        }
        chunks.add(new Chunk(text.toString(), null, symbol, first + 1, last + 1));
    }

    private static int sum(int[] values, int from, int to) {
        int total = 0;
        for (int i = from; i < to; i++) {
            total += values[i];
        }
        return total;
    }

    private static int indentation(String line) {
        int width = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                width++;
            } else if (c == '\t') {
                width += 4;
            } else {
                break;
            }
        }
        return width;
    }
}
