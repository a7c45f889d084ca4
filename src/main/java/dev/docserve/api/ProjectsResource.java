package dev.docserve.api;

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
    public Registration register(RegisterBody body) {
        if (body == null) {
            throw ApiException.badRequest("send a JSON body with project_root, e.g. {\"project_root\": \"/home/me/src/app\"}");
        }
        return projects.register(body.projectRoot());
    }

    @GET
    public Map<String, Object> list() {
        List<ProjectView> all = projects.list();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("projects", all);
        answer.put("total", all.size());
        return answer;
    }

    @GET
    @Path("/{project_id}/status")
    public ProjectView status(@PathParam("project_id") String projectId) {
        return projects.status(projectId);
    }

    @DELETE
    @Path("/{project_id}")
    public ProjectView unregister(@PathParam("project_id") String projectId, @QueryParam("purge") boolean purge) {
        return projects.unregister(projectId, purge);
    }

    /** The body of {@code POST /projects}. */
    public record RegisterBody(String projectRoot) {
    }
}
