package dev.docserve.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.docserve.config.DocServeConfig;
import dev.docserve.corpus.IndexRequest;
import dev.docserve.index.jobs.IndexJobQueue;
import dev.docserve.index.jobs.JobNotRecordedException;
import dev.docserve.index.jobs.JobRecord;
import dev.docserve.project.ProjectRegistry;
import dev.docserve.project.ProjectServices;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Indexing: jobs that index folders, run one at a time per project, and can be followed and cancelled.
 *
 * <ul>
 * <li>{@code POST /index}, {@code POST /index/add}: 202 with the job id; 400 for a missing, unreadable
 * or non-directory folder and for out-of-range options.</li>
 * <li>{@code DELETE /index}: 200 once everything indexed for the project is removed.</li>
 * <li>{@code GET /index/jobs}: 200, newest first. {@code GET /index/jobs/{id}}: 200, or 404.
 * {@code DELETE /index/jobs/{id}}: 200 with the job as it now stands (cancelled, or already finished), or 404.</li>
 * </ul>
 * In shared mode every call needs {@code project_id} (400 without, 404 for an unknown one).
 */
@Path("/index")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IndexResource {

    private final ProjectRegistry projects;
    private final DocServeConfig config;

    public IndexResource(ProjectRegistry projects, DocServeConfig config) {
        this.projects = projects;
        this.config = config;
    }

    @POST
    @Operation(summary = "Queue indexing of a folder (incremental unless force)")
    @APIResponse(responseCode = "202", description = "Queued: follow the job at /index/jobs/{id}", content = @Content(schema = @Schema(implementation = JobAccepted.class)))
    @APIResponse(responseCode = "400", description = "missing, unreadable, non-directory or out-of-project folder, or a field out of range", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such registered project", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "the project root no longer exists", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "the job cannot be recorded (disk full, storage down)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response index(IndexBody body) {
        return submit(body, "index");
    }

    @POST
    @Path("/add")
    @Operation(summary = "Queue indexing of a folder, adding to what is indexed")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = JobAccepted.class)))
    @APIResponse(responseCode = "400", description = "missing, unreadable, non-directory or out-of-project folder, or a field out of range", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such registered project", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "the project root no longer exists", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "the job cannot be recorded", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response add(IndexBody body) {
        return submit(body, "add");
    }

    @DELETE
    @Operation(summary = "Remove everything indexed for the project (unfinished jobs are cancelled)")
    @APIResponse(responseCode = "200", description = "{job_id, status: completed, message, project_id}")
    @APIResponse(responseCode = "400", description = "project_id missing on the shared daemon (the detail lists the registered projects)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such registered project", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "the project root no longer exists", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Map<String, Object> clear(@QueryParam("project_id") String projectId) throws IOException {
        ProjectServices project = projects.resolve(projectId);
        project.clearIndex();
        // job_id and status: the original doc-serve answered a reset as a finished job, and its client reads them.
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("job_id", IndexJobQueue.newJobId());
        answer.put("status", "completed");
        answer.put("message", "removed everything indexed for " + project.root());
        answer.put("project_id", project.projectId());
        return answer;
    }

    @GET
    @Path("/jobs")
    @Operation(summary = "List the project's index jobs, newest first")
    @APIResponse(responseCode = "200", description = "The jobs")
    @APIResponse(responseCode = "400", description = "project_id missing on the shared daemon (the detail lists the registered projects)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such registered project", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "the project root no longer exists", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public List<JobRecord> jobs(@QueryParam("project_id") String projectId) {
        return projects.resolve(projectId).jobs().list();
    }

    @GET
    @Path("/jobs/{id}")
    @Operation(summary = "One index job: status, progress, counts, error")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = JobRecord.class)))
    @APIResponse(responseCode = "404", description = "no such job", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public JobRecord job(@PathParam("id") String jobId, @QueryParam("project_id") String projectId) {
        return projects.resolve(projectId).jobs().get(jobId).orElseThrow(() -> noSuchJob(jobId));
    }

    @DELETE
    @Path("/jobs/{id}")
    @Operation(summary = "Cancel a job (a running one stops at its next file, keeping what it finished)")
    @APIResponse(responseCode = "200", description = "The job after cancelling", content = @Content(schema = @Schema(implementation = JobRecord.class)))
    @APIResponse(responseCode = "404", description = "no such job", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "the job runs on another replica", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public JobRecord cancel(@PathParam("id") String jobId, @QueryParam("project_id") String projectId) {
        return projects.resolve(projectId).jobs().cancel(jobId).orElseThrow(() -> noSuchJob(jobId));
    }

    private Response submit(IndexBody body, String operation) {
        if (body == null) {
            throw ApiException.badRequest("send a JSON body with folder_path, e.g. {\"folder_path\": \"docs\"}");
        }
        ProjectServices project = projects.resolve(body.projectId());
        JobRecord job;
        try {
            job = project.jobs().submit(toRequest(body, project), operation);
        } catch (JobNotRecordedException e) {
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, "cannot accept the index job: " + e.getMessage()
                    + "; free space in (or make writable) the data dir, then retry; /q/health/ready says when it takes writes again");
        }
        return Response.accepted(new JobAccepted(job.jobId(), job.status().wireName(),
                "indexing " + job.request().folderPath() + "; follow it at /index/jobs/" + job.jobId())).build();
    }

    private IndexRequest toRequest(IndexBody body, ProjectServices project) {
        if (body.folderPath() == null || body.folderPath().isBlank()) {
            throw ApiException.badRequest("folder_path is required: the folder to index, absolute or relative to "
                    + project.root());
        }
        java.nio.file.Path folder;
        try {
            folder = project.root().resolve(body.folderPath()).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw ApiException.badRequest("folder_path is not a valid path: " + e.getMessage());
        }
        if (!Files.exists(folder)) {
            throw ApiException.badRequest("folder_path " + folder + " does not exist; pass a folder inside " + project.root()
                    + ", absolute or relative to it (e.g. \"docs\" or \".\" for the whole project)");
        }
        if (!Files.isDirectory(folder)) {
            throw ApiException.badRequest("folder_path " + folder + " is not a directory; pass the folder that holds it");
        }
        if (!insideRoot(folder, project.root())) {
            // Any local user can reach a loopback port: a folder outside the project (~/.ssh, another
            // project) must not become readable through this server's answers.
            throw ApiException.badRequest("folder_path " + folder + " is outside the project " + project.root()
                    + " (symlinks resolved); doc-serve indexes only folders inside the project it serves: index "
                    + "that folder from its own project (doc-serve start there"
                    + (projects.isSharedMode() ? ", or register it with POST /projects)" : ")"));
        }
        if (!Files.isReadable(folder)) {
            throw ApiException.badRequest("folder_path " + folder + " is not readable by the server");
        }
        return new IndexRequest(folder,
                or(body.chunkSize(), config.chunkSize()),
                or(body.chunkOverlap(), config.chunkOverlap()),
                or(body.recursive(), true),
                or(body.includeCode(), false),
                body.supportedLanguages(), body.includePatterns(), body.excludePatterns(),
                or(body.force(), false),
                or(body.rebuild(), false));
    }

    private static boolean insideRoot(java.nio.file.Path folder, java.nio.file.Path root) {
        try {
            return folder.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static ApiException noSuchJob(String jobId) {
        return ApiException.notFound("no job " + jobId + "; GET /index/jobs lists the known ones");
    }
}
