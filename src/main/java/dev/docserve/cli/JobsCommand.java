package dev.docserve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code doc-serve jobs [ID] [--cancel]}: the project's index jobs, one job, or cancel one. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List index jobs, show one, or cancel one.")
public class JobsCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "A job id (job_...).")
    String jobId;

    @Option(names = "--cancel", description = "Cancel the job ID.")
    boolean cancel;

    @Override
    public Integer call() {
        if (cancel && jobId == null) {
            throw new CliException(ExitCodes.USAGE, "--cancel needs a job id: doc-serve jobs JOB_ID --cancel");
        }
        ProjectServer server = ProjectServer.of(project);
        if (jobId == null) {
            JsonNode jobs = server.get("/index/jobs");
            if (project.json()) {
                project.out().printJson(jobs);
                return ExitCodes.OK;
            }
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode job : jobs) {
                rows.add(row(job));
            }
            project.out().table(List.of("JOB", "STATUS", "OPERATION", "PROGRESS", "FOLDER", "CREATED"), rows);
            return ExitCodes.OK;
        }
        JsonNode job = cancel ? server.delete("/index/jobs/" + jobId) : server.get("/index/jobs/" + jobId);
        if (project.json()) {
            project.out().printJson(job);
        } else {
            project.out().table(List.of("JOB", "STATUS", "OPERATION", "PROGRESS", "FOLDER", "CREATED"), List.of(row(job)));
            if (job.hasNonNull("error")) {
                project.out().println(job.path("error").asText());
            }
        }
        return ExitCodes.OK;
    }

    private static List<String> row(JsonNode job) {
        JsonNode progress = job.path("progress");
        return List.of(job.path("job_id").asText(), status(job), job.path("operation").asText(),
                progress.path("percent").asInt() + "% (" + progress.path("files_done").asInt() + "/"
                        + progress.path("files_total").asInt() + " files)",
                job.path("request").path("folder_path").asText(), job.path("created_at").asText());
    }

    /** "pending (2nd in line)": a queued job says how many jobs start before it. */
    static String status(JsonNode job) {
        String status = job.path("status").asText();
        if (!job.path("queue_position").isIntegralNumber()) {
            return status;
        }
        int position = job.path("queue_position").asInt();
        return status + " (" + (position == 1 ? "next" : ordinal(position) + " in line") + ")";
    }

    private static String ordinal(int n) {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
