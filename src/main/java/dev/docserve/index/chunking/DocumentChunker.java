package dev.docserve.index.chunking;

import dev.docserve.corpus.SourceType;
import dev.docserve.index.loading.LoadedFile;
import dev.langchain4j.model.TokenCountEstimator;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a loaded file into chunks by format: Markdown, HTML (whose headings the extractor turned into
 * Markdown ones), AsciiDoc and reStructuredText by heading, small sections packed together up to
 * the budget without crossing a higher-level heading ({@link SectionMerger}), long ones split by tokens; code at
 * declaration boundaries; everything else by paragraphs, lines, sentences and words (LangChain4j's
 * recursive splitter). Sizes are counted with the embedding model's tokenizer.
 */
public final class DocumentChunker {

    private final ChunkBudget budget;
    private final SectionSplitter sectionSplitter;
    private final CodeChunker codeChunker;
    private final SectionMerger sectionMerger;

    public DocumentChunker(ChunkBudget budget, TokenCountEstimator tokenCounter) {
        this.budget = budget;
        this.sectionSplitter = new SectionSplitter(budget, tokenCounter);
        this.codeChunker = new CodeChunker(budget, tokenCounter);
        this.sectionMerger = new SectionMerger(budget, tokenCounter);
    }

    public ChunkBudget budget() {
        return budget;
    }

    public List<Chunk> chunk(LoadedFile file) {
        if (file.text().isBlank()) {
            return List.of();
        }
        if (file.file().sourceType() != SourceType.DOC) {
            return codeChunker.chunk(file.text(), file.file().language());
        }
        List<Section> sections = switch (file.file().language()) {
            case "markdown", "html" -> HeadingSections.markdown(file.text());
            case "asciidoc" -> HeadingSections.asciiDoc(file.text());
            case "rst" -> RstSections.split(file.text());
            default -> List.of(new Section(file.title(), file.text(), 1));
        };
        List<Chunk> chunks = new ArrayList<>();
        for (Section section : sectionMerger.merge(sections)) {
            chunks.addAll(sectionSplitter.split(section));
        }
        return chunks;
    }
}
