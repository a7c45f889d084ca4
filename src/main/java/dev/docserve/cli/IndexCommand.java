package dev.docserve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code doc-serve index <folder>}: queues an index job on the project's server; with {@code --wait}
 * follows it to the end with a live progress bar (on a terminal) and exits non-zero if it fails.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index a folder (incrementally: unchanged files are skipped) on the project's running server.")
public class IndexCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(250);

    @Mixin
    ProjectOptions project;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "Folder to index (relative to the working directory).")
    Path folder;

    @Option(names = "--include-code", description = "Index source files too, not only documents.")
    boolean includeCode;

    @Option(names = "--include", paramLabel = "GLOB", description = "Only files matching this glob (repeatable).")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Also skip files matching this glob (repeatable); the built-in excludes stay.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--force", description = "Re-embed every file of this folder, changed or not; other folders stay indexed.")
    boolean force;

    @Option(names = "--rebuild", description = "Drop everything indexed (every folder) first, then index this folder; needed to switch embedding models.")
    boolean rebuild;

    @Option(names = "--add", description = "Use POST /index/add (add to what is indexed).")
    boolean add;

    @Option(names = "--chunk-size", paramLabel = "TOKENS", description = "Chunk size in tokens (128-2048).")
    Integer chunkSize;

    @Option(names = "--chunk-overlap", paramLabel = "TOKENS", description = "Chunk overlap in tokens (0-200).")
    Integer chunkOverlap;

    @Option(names = "--wait", description = "Wait for the job to finish, showing progress.")
    boolean await;

    @Override
    public Integer call() throws InterruptedException {
        ProjectServer server = ProjectServer.of(project);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("folder_path", folder.toAbsolutePath().normalize().toString());
        body.put("include_code", includeCode);
        body.put("include_patterns", include);
        body.put("exclude_patterns", exclude);
        body.put("force", force);
        if (rebuild) {
            body.put("rebuild", true); // only when asked: an older server would refuse an unknown field
        }
        if (chunkSize != null) {
            body.put("chunk_size", chunkSize);
        }
        if (chunkOverlap != null) {
            body.put("chunk_overlap", chunkOverlap);
        }
        JsonNode accepted = server.post(add ? "/index/add" : "/index", body);
        String jobId = accepted.path("job_id").asText();
        if (!await) {
            if (project.json()) {
                project.out().printJson(accepted);
            } else {
                project.out().println(jobId + "\t" + accepted.path("message").asText());
            }
            return ExitCodes.OK;
        }
        JsonNode job = follow(server, jobId);
        String status = job.path("status").asText();
        if (project.json()) {
            project.out().printJson(job);
        } else {
            JsonNode report = job.path("report");
            project.out().println(status.equals("done")
                    ? String.format("indexed %s: %d files (%d unchanged, %d removed), %d chunks in %.1f s",
                            report.path("folder").asText(), report.path("files_indexed").asInt(),
                            report.path("files_unchanged").asInt(), report.path("files_removed").asInt(),
                            report.path("chunks_indexed").asInt(), report.path("duration_ms").asLong() / 1000.0)
                    : "job " + jobId + " " + status + ": " + job.path("error").asText(""));
        }
        return "done".equals(status) ? ExitCodes.OK : ExitCodes.ERROR;
    }

    private JsonNode follow(ProjectServer server, String jobId) throws InterruptedException {
        ProgressBar bar = new ProgressBar(project.out());
        while (true) {
            JsonNode job = server.get("/index/jobs/" + jobId);
            JsonNode progress = job.path("progress");
            bar.show(progress.path("percent").asInt(), progress.path("files_done").asInt(),
                    progress.path("files_total").asInt(), progress.path("chunks_done").asInt());
            if (List.of("done", "failed", "cancelled").contains(job.path("status").asText())) {
                bar.finish();
                return job;
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
