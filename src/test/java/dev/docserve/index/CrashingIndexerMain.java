package dev.docserve.index;

import dev.docserve.search.store.IndexSchema;
import java.io.IOException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import dev.docserve.corpus.IndexRequest;

import dev.docserve.testing.FakeEmbedder;
import java.nio.file.Path;

/**
 * Child process of {@link IndexCrashSafetyTest}: indexes a project and, once more than one commit's
 * worth of chunks is done and at least one commit is on disk, reports it and stalls in the middle of
 * the run until it is killed. The commit is checked on disk, not inferred from progress: the writer
 * commits a batch while the model embeds the next, so progress runs ahead of what is committed.
 */
public final class CrashingIndexerMain {

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        Path data = Path.of(args[1]);
        int stallAfterChunks = Integer.parseInt(args[2]);
        ProjectIndex index = ProjectIndex.open(project, data, new FakeEmbedder("fake", 32));
        index.index(IndexRequest.of(project), progress -> {
            if (progress.chunksDone() >= stallAfterChunks && committedChunks(data) >= FolderIndexer.COMMIT_EVERY_CHUNKS) {
                System.out.println("STALLED " + progress.chunksDone());
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, CancellationToken.none());
        System.out.println("FINISHED");
    }

    private static int committedChunks(Path data) {
        try (Directory directory = FSDirectory.open(data.resolve(ProjectIndex.INDEX_FOLDER));
             DirectoryReader reader = DirectoryReader.open(directory)) {
            return new IndexSearcher(reader).count(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_CHUNK)));
        } catch (IOException e) {
            return 0; // no commit yet
        }
    }
}
