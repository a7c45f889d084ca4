package dev.docserve.api;

import dev.docserve.lifecycle.server.InstanceLifecycle;
import dev.docserve.project.ProjectRegistry;
import dev.docserve.project.ProjectServices;
import dev.docserve.retrieval.BudgetedSearch;
import dev.docserve.retrieval.SearchAnswer;
import dev.docserve.search.SearchMode;
import dev.docserve.search.SearchRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /}: what this server is and where to go next, so that a client (or a person with curl)
 * that only knows the base URL finds the API description, the docs and the health endpoints. A browser
 * ({@code Accept: text/html}) gets a small search page instead ({@code web/search.html}), built on the same
 * API; {@code ?query=…&mode=…} renders its results on the server, so it works without JavaScript.
 */
@Path("/")
@Tag(name = "discovery")
public class RootResource {

    private static final String PAGE = "web/search.html";
    private static final int PAGE_RESULTS = 10;
    private static final int PAGE_CHARS = 20_000;

    /** The answer to {@code GET /}. */
    public record ApiIndex(String name, String description, String version, String mode, String docs, String openapi,
                           String health, String status) {
    }

    private final InstanceLifecycle lifecycle;
    private final ProjectRegistry projects;
    private final String version;
    private final String page;

    public RootResource(InstanceLifecycle lifecycle, ProjectRegistry projects,
                        @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.lifecycle = lifecycle;
        this.projects = projects;
        this.version = version;
        this.page = shippedPage();
    }

    /** One method rather than two {@code @Produces}: {@code Accept: *}{@code /*} and none must keep getting JSON. */
    @GET
    @Operation(summary = "Name, version and links to the API description, docs and health; a search page for browsers")
    @APIResponse(responseCode = "200", description = "Always", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiIndex.class)))
    public Response root(@HeaderParam(HttpHeaders.ACCEPT) String accept, @QueryParam("query") String query,
                         @QueryParam("mode") String mode, @QueryParam("project_id") String projectId) throws IOException {
        boolean browser = accept != null && accept.contains(MediaType.TEXT_HTML);
        if (!browser) {
            return Response.ok(index(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        String html = page;
        if (!projects.isSharedMode() || projectId != null) {
            ProjectServices project = projects.resolve(projectId);
            SearchAnswer answer = null;
            if (query != null && !query.isBlank()) {
                SearchRequest request = SearchRequest.of(query).withTopK(PAGE_RESULTS)
                        .withMode(mode == null || mode.isBlank() ? SearchMode.HYBRID : SearchMode.fromWireName(mode));
                answer = BudgetedSearch.search(project.index(), request, 0, PAGE_CHARS);
            }
            html = SearchPage.render(page, project.root().toString(), project.index().status(), query, answer);
        }
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    public ApiIndex index() {
        String mode = lifecycle.identity() == null ? null : lifecycle.identity().mode().wireName();
        return new ApiIndex("doc-serve", "Local document and code search for coding agents: vector, BM25 and hybrid",
                version, mode, "/docs", "/openapi.json", "/health", "/health/status");
    }

    private static String shippedPage() {
        try (InputStream in = RootResource.class.getClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
