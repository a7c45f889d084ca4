package dev.docserve.search.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend contract on the embedded Lucene index, plus what only Lucene has to prove. */
class LuceneChunkStoreTest extends ChunkStoreContract {

    @TempDir
    Path dir;

    @Override
    protected ChunkStore openStorage() throws IOException {
        return LuceneChunkStore.open(dir);
    }

    @Test
    void shouldIndexVectorsWiderThanLucenesDefaultLimit() throws IOException {
        float[] wide = new float[3072];
        wide[0] = 1;
        ChunkStore store = open();
        store.replaceFile(file("a.md", 1), List.of(new ChunkRecord("id", "a.md", "/p/a.md", "doc", "markdown", 0,
                "text", null, null, 1, 1, wide)));
        store.commit(MANIFEST);

        assertThat(reopen().counts().chunks()).isEqualTo(1);
    }

    @Test
    void shouldLetAViewReadTheCommitItWasOpenedOnWhileNewCommitsLand() throws IOException {
        ChunkStore store = open();
        store.replaceFile(file("a.md", 1), List.of(chunk("a.md", 0, "alpha before")));
        store.commit(MANIFEST);

        try (SearchView view = store.openView()) {
            store.replaceFile(file("a.md", 1), List.of(chunk("a.md", 0, "alpha after")));
            IndexManifest later = MANIFEST.withFolder("/later");
            store.commit(later);

            assertThat(view.manifest()).hasValue(MANIFEST);
            List<ScoredChunk> hits = view.keywordMatches("alpha", 5, ChunkFilter.NONE);
            assertThat(view.chunks(List.of(hits.get(0).chunkId())).get("a.md#0").text()).isEqualTo("alpha before");
        }
        assertThat(keywordMatches(store, "alpha", 5, ChunkFilter.NONE).get(0).chunk().text()).isEqualTo("alpha after");
    }

    @Test
    void shouldFindChunkIdsInSegmentsWrittenBeforeChunkIdsHadDocValues() throws IOException {
        try (Directory directory = FSDirectory.open(dir);
             IndexWriter older = new IndexWriter(directory, new IndexWriterConfig(LuceneChunkStore.newAnalyzer()))) {
            Document legacy = IndexSchema.chunkDocument(chunk("old.md", 0, "shared words from the old index"));
            legacy.removeFields(IndexSchema.CHUNK_ID_VALUES);
            older.addDocument(legacy);
            older.setLiveCommitData(MANIFEST.toUserData().entrySet());
            older.commit();
        }
        ChunkStore store = open();
        store.replaceFile(file("new.md", 1), List.of(chunk("new.md", 0, "shared words from the new index")));
        store.commit(MANIFEST);

        assertThat(keywordMatches(store, "shared words", 5, ChunkFilter.NONE)).extracting(h -> h.chunk().chunkId())
                .containsExactlyInAnyOrder("old.md#0", "new.md#0");
        assertThat(nearest(store, unit(1, 0, 0, 0), 5, ChunkFilter.NONE)).extracting(h -> h.chunk().text())
                .containsExactlyInAnyOrder("shared words from the old index", "shared words from the new index");
    }

    @Test
    void shouldMergeTheSegmentsOfManyCommitsWhenCompactedAndKeepWhatReadersSee() throws IOException {
        LuceneChunkStore store = (LuceneChunkStore) open();
        for (int i = 0; i < LuceneChunkStore.SEGMENTS_BEFORE_COMPACT; i++) {
            store.replaceFile(file(i + ".md", 1), List.of(chunk(i + ".md", 0, "commit number " + i)));
            store.commit(MANIFEST);
        }
        store.compact();
        assertThat(store.segmentCount()).as("few segments are left alone").isEqualTo(LuceneChunkStore.SEGMENTS_BEFORE_COMPACT);

        store.replaceFile(file("last.md", 1), List.of(chunk("last.md", 0, "commit number last")));
        store.commit(MANIFEST.withFolder("/last"));
        store.compact();

        assertThat(store.segmentCount()).isEqualTo(1);
        assertThat(store.manifest()).hasValue(MANIFEST.withFolder("/last"));
        assertThat(keywordMatches(store, "commit number", 10, ChunkFilter.NONE)).hasSize(5);
        assertThat(reopen().committedFiles()).hasSize(5);
    }
}
