package dev.docserve.search.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
}
