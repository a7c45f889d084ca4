package dev.docserve.index;

import dev.docserve.corpus.IndexRequest;

import dev.docserve.testing.FakeEmbedder;
import java.nio.file.Path;

/**
 * Child process of {@link IndexCrashSafetyTest}: indexes a project and, once more than one commit's
 * worth of chunks is written, reports it and stalls in the middle of the run until it is killed.
 */
public final class CrashingIndexerMain {

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        Path data = Path.of(args[1]);
        int stallAfterChunks = Integer.parseInt(args[2]);
        ProjectIndex index = ProjectIndex.open(project, data, new FakeEmbedder("fake", 32));
        index.index(IndexRequest.of(project), progress -> {
            if (progress.chunksDone() >= stallAfterChunks) {
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
}
