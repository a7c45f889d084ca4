package dev.docserve.index.jobs;

import dev.docserve.index.IndexProgress;

/** Progress of a job as reported and persisted; see {@link IndexProgress} for the meaning of each count. */
public record JobProgress(String phase, int filesTotal, int filesDone, int chunksDone, int chunksTotal, int percent) {

    public static final JobProgress NONE = new JobProgress("pending", 0, 0, 0, 0, 0);

    public static JobProgress of(IndexProgress p) {
        return new JobProgress(p.phase().name().toLowerCase(java.util.Locale.ROOT), p.filesTotal(), p.filesDone(),
                p.chunksDone(), p.chunksTotal(), p.percent());
    }
}
