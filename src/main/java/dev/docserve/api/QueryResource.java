package dev.docserve.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.docserve.corpus.InvalidRequestException;
import dev.docserve.index.IndexStatus;
import dev.docserve.project.ProjectRegistry;
import dev.docserve.project.ProjectServices;
import dev.docserve.search.FusionMethod;
import dev.docserve.search.ModelMismatchException;
import dev.docserve.search.SearchMode;
import dev.docserve.search.SearchRequest;
import dev.docserve.retrieval.Budgets;
import dev.docserve.search.SearchResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.util.Map;

/**
 * Search over the last committed index; never blocked by indexing.
 *
 * <ul>
 * <li>{@code POST /query}: 200 with results best first; 400 for a missing or out-of-range field or an
 * unknown mode; 409 when the index was built with another embedding model (the detail says how to rebuild).</li>
 * <li>{@code GET /query/count}: 200 with chunk and document counts.</li>
 * </ul>
 */
@Path("/query")
@Produces(MediaType.APPLICATION_JSON)
public class QueryResource {

    private final ProjectRegistry projects;

    public QueryResource(ProjectRegistry projects) {
        this.projects = projects;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search the project: hybrid (default), vector or BM25")
    @APIResponse(responseCode = "200", description = "Results best first; with max_chars, offset or group_by_file also the page fields (files, next_offset, trimmed, text)", content = @Content(schema = @Schema(implementation = SearchResponse.class)))
    @APIResponse(responseCode = "400", description = "a field missing or out of range, or an unknown mode", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such registered project", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "the project root no longer exists", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "the index was built with another embedding model (the detail says how to rebuild)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "the embedding model or the storage is unavailable", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Object query(QueryBody body) throws IOException {
        if (body == null) {
            throw ApiException.badRequest("send a JSON body with query, e.g. {\"query\": \"how do I start the server\"}");
        }
        ProjectServices project = projects.resolve(body.projectId());
        SearchRequest request = toRequest(body);
        try {
            if (body.wantsPage()) {
                return PagedQueryResponse.of(project.index(), request, body.offset() == null ? 0 : body.offset(),
                        // Without max_chars nothing is trimmed: the page is only grouped or offset.
                        Budgets.maxChars(body.maxChars(), Budgets.MAX_CHARS));
            }
            return project.index().query(request);
        } catch (ModelMismatchException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    @GET
    @Path("/count")
    @Operation(summary = "Chunk and document counts")
    @APIResponse(responseCode = "200", description = "total_chunks, total_documents, total_doc_chunks, total_code_chunks")
    @APIResponse(responseCode = "400", description = "project_id missing on the shared daemon (the detail lists the registered projects)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such registered project", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "the project root no longer exists", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Map<String, Object> count(@QueryParam("project_id") String projectId) throws IOException {
        IndexStatus status = projects.resolve(projectId).index().status();
        return Map.of(
                "total_chunks", status.totalChunks(),
                "total_documents", status.totalDocuments(),
                "total_doc_chunks", status.totalDocChunks(),
                "total_code_chunks", status.totalCodeChunks());
    }

    /** The HTTP API's limits on top of the engine's own checks (the engine ranks deeper for evaluation). */
    private static SearchRequest toRequest(QueryBody body) {
        if (body.query() == null) {
            throw new InvalidRequestException("query is required (1 to " + SearchRequest.MAX_QUERY_LENGTH + " characters)");
        }
        if (body.topK() != null && (body.topK() < 1 || body.topK() > SearchRequest.MAX_TOP_K)) {
            throw new InvalidRequestException("top_k must be between 1 and " + SearchRequest.MAX_TOP_K + ", got " + body.topK());
        }
        return new SearchRequest(body.query(),
                body.topK() == null ? SearchRequest.DEFAULT_TOP_K : body.topK(),
                body.similarityThreshold() == null ? SearchRequest.DEFAULT_SIMILARITY_THRESHOLD : body.similarityThreshold(),
                body.mode() == null ? SearchMode.HYBRID : SearchMode.fromWireName(body.mode()),
                body.alpha() == null ? SearchRequest.DEFAULT_ALPHA : body.alpha(),
                body.fusion() == null ? null : FusionMethod.fromWireName(body.fusion()),
                body.sourceTypes(), body.languages(), body.filePaths());
    }
}
