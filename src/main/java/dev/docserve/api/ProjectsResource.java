package dev.docserve.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.docserve.project.ProjectRegistry;
import dev.docserve.project.ProjectView;
import dev.docserve.project.Registration;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared daemon's registrations (a project-mode server answers 404 here).
 *
 * <ul>
 * <li>{@code POST /projects {project_root}}: 200 {@code {project_id, project_root, base_url}}, idempotent;
 * creates {@code projects/<project_id>/} in the shared home and writes the project's pointer
 * {@code runtime.json}. 400 for a missing or non-directory root; 409 while a project-mode server runs
 * for the project.</li>
 * <li>{@code GET /projects}: 200 {@code {projects: [...], total}}, each with its indexing state, counts and
 * {@code root_exists}.</li>
 * <li>{@code GET /projects/{project_id}/status}: 200, or 404.</li>
 * <li>{@code DELETE /projects/{project_id}[?purge=true]}: 200 with the project as it was; its pointer is
 * removed, its storage kept (re-registering resumes the index) unless {@code purge=true}. 404 when unknown.</li>
 * </ul>
 */
@Path("/projects")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectsResource {

    private final ProjectRegistry projects;

    public ProjectsResource(ProjectRegistry projects) {
        this.projects = projects;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a project with the shared daemon (idempotent)")
    @APIResponse(responseCode = "200", description = "Registered: {project_id, project_root, base_url}", content = @Content(schema = @Schema(implementation = Registration.class)))
    @APIResponse(responseCode = "400", description = "the folder does not exist or is not a directory", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "this is a project-mode server", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "a project-mode server runs for that folder", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "the daemon is still starting", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Registration register(RegisterBody body) {
        if (body == null) {
            throw ApiException.badRequest("send a JSON body with project_root, e.g. {\"project_root\": \"/home/me/src/app\"}");
        }
        return projects.register(body.projectRoot());
    }

    @GET
    @Operation(summary = "Every registered project with its indexing state")
    @APIResponse(responseCode = "200", description = "{projects: [...]}")
    @APIResponse(responseCode = "404", description = "this is a project-mode server", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Map<String, Object> list() {
        List<ProjectView> all = projects.list();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("projects", all);
        answer.put("total", all.size());
        return answer;
    }

    @GET
    @Path("/{project_id}/status")
    @Operation(summary = "One registered project, reported even when its root is gone")
    @APIResponse(responseCode = "200", description = "The project", content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "404", description = "no such registered project, or a project-mode server", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public ProjectView status(@PathParam("project_id") String projectId) {
        return projects.status(projectId);
    }

    @DELETE
    @Path("/{project_id}")
    @Operation(summary = "Unregister a project; purge=true also deletes its storage")
    @APIResponse(responseCode = "200", description = "The project as it was", content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "404", description = "no such registered project, or a project-mode server", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public ProjectView unregister(@PathParam("project_id") String projectId, @QueryParam("purge") boolean purge) {
        return projects.unregister(projectId, purge);
    }

    /** The body of {@code POST /projects}. */
    public record RegisterBody(String projectRoot) {
    }
}
