package dev.docserve.mcp;

import dev.docserve.index.IndexStatus;
import dev.docserve.index.jobs.JobRecord;

/** The text forms of the {@code index} and {@code status} answers. */
final class JobText {

    private JobText() {
    }

    static String describe(JobRecord job) {
        StringBuilder text = new StringBuilder("index job ").append(job.jobId()).append(": ").append(job.status().wireName());
        if (job.request() != null) {
            text.append(" (").append(job.request().folderPath()).append(')');
        }
        if (job.report() != null) {
            var report = job.report();
            text.append("; ").append(report.filesIndexed()).append(" files indexed, ").append(report.filesUnchanged())
                    .append(" unchanged, ").append(report.filesRemoved()).append(" removed, ")
                    .append(report.chunksIndexed()).append(" chunks in ").append(report.durationMs()).append(" ms");
        } else if (job.progress() != null) {
            var progress = job.progress();
            text.append("; ").append(progress.phase()).append(' ').append(progress.filesDone()).append('/')
                    .append(progress.filesTotal()).append(" files (").append(progress.percent()).append("%)");
        }
        if (job.error() != null) {
            text.append("; error: ").append(job.error());
        }
        if (!job.status().isFinished()) {
            text.append("; call status to follow it, or index again with wait=true");
        }
        return text.append('\n').toString();
    }

    static String status(StatusAnswer answer) {
        IndexStatus index = answer.index();
        StringBuilder text = new StringBuilder("project ").append(answer.projectId()).append(" at ").append(answer.projectRoot())
                .append(answer.sharedDaemon() ? " (shared daemon)" : "").append('\n')
                .append(index.totalDocuments()).append(" documents, ").append(index.totalChunks()).append(" chunks (")
                .append(index.totalDocChunks()).append(" doc, ").append(index.totalCodeChunks()).append(" code incl. ")
                .append(index.totalTestChunks()).append(" test); languages ").append(index.languages()).append('\n')
                .append("folders: ").append(index.indexedFolders().isEmpty() ? "none (index one with the index tool)"
                        : String.join(", ", index.indexedFolders())).append('\n')
                .append("model: ").append(index.embeddingModel() == null ? "none yet" : index.embeddingModel())
                .append("; last indexed: ").append(index.lastIndexedAt() == null ? "never" : index.lastIndexedAt()).append('\n');
        if (answer.activeJobs().isEmpty()) {
            text.append("no index job queued or running\n");
        } else {
            answer.activeJobs().forEach(job -> text.append(describe(job)));
        }
        return text.toString();
    }
}
