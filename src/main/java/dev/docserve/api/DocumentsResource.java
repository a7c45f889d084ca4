package dev.docserve.api;

import dev.docserve.project.ProjectRegistry;
import dev.docserve.project.ProjectServices;
import dev.docserve.retrieval.Budgets;
import dev.docserve.retrieval.DocumentAnswer;
import dev.docserve.retrieval.DocumentReader;
import dev.docserve.retrieval.MultiDocumentReader;
import dev.docserve.retrieval.MultiGetAnswer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;

/**
 * Indexed documents, opened the way search results point at them (the {@code get} and {@code multi_get}
 * MCP tools over plain HTTP).
 *
 * <ul>
 * <li>{@code GET /documents?path=…|chunk_id=…[&from_line=N][&lines=N][&max_chars=N]}: 200 with a window of
 * lines ({@code content}, {@code from_line}, {@code to_line}, {@code next_from_line}, {@code stale}); 400 for
 * both or neither of path and chunk_id, or out-of-range numbers; 404 when the path is not an indexed file
 * or no indexed chunk has the id.</li>
 * <li>{@code POST /documents/multi-get} with {@code paths} or {@code glob} and {@code max_chars}: 200 with
 * the documents that fit and what was left out; 400 for both or neither.</li>
 * </ul>
 */
@Path("/documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentsResource {

    private final ProjectRegistry projects;

    public DocumentsResource(ProjectRegistry projects) {
        this.projects = projects;
    }

    @GET
    public DocumentAnswer get(@QueryParam("path") String path, @QueryParam("chunk_id") String chunkId,
                              @QueryParam("from_line") Integer fromLine, @QueryParam("lines") Integer lines,
                              @QueryParam("max_chars") Integer maxChars, @QueryParam("project_id") String projectId)
            throws IOException {
        boolean byPath = path != null && !path.isBlank();
        boolean byChunk = chunkId != null && !chunkId.isBlank();
        if (byPath == byChunk) {
            throw ApiException.badRequest("pass either path (relative to the project root) or chunk_id (from a search "
                    + "result), not " + (byPath ? "both" : "neither") + ", e.g. /documents?path=docs/guide.md");
        }
        ProjectServices project = projects.resolve(projectId);
        int budget = Budgets.maxChars(maxChars, Budgets.DEFAULT_GET_CHARS);
        DocumentReader reader = new DocumentReader(project.index());
        return byPath ? reader.byPath(path, fromLine, lines, budget) : reader.byChunkId(chunkId, fromLine, lines, budget);
    }

    @POST
    @Path("/multi-get")
    @Consumes(MediaType.APPLICATION_JSON)
    public MultiGetAnswer multiGet(MultiGetBody body) throws IOException {
        if (body == null) {
            throw ApiException.badRequest("send a JSON body with paths or glob, e.g. {\"glob\": \"docs/**/*.md\"}");
        }
        ProjectServices project = projects.resolve(body.projectId());
        return new MultiDocumentReader(project.index()).get(body.paths(), body.glob(),
                Budgets.maxChars(body.maxChars(), Budgets.DEFAULT_MULTI_GET_CHARS));
    }
}
