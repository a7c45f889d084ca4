package dev.docserve.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import dev.docserve.project.ProjectRegistry;
import dev.docserve.project.ProjectServices;
import dev.docserve.retrieval.BudgetedSearch;
import dev.docserve.retrieval.SearchAnswer;
import dev.docserve.search.SearchMode;
import dev.docserve.search.SearchRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /}: a browser ({@code Accept: text/html}) gets a small search page built on the same API
 * ({@code web/search.html}; {@code ?query=…&mode=…} renders results on the server, so it works without
 * JavaScript); every other client gets a JSON document naming the entry points.
 */
@Path("/")
public class RootResource {

    private static final String PAGE = "web/search.html";

    private final String page;
    private final ProjectRegistry projects;

    public RootResource(ProjectRegistry projects) {
        this.projects = projects;
        try (InputStream in = RootResource.class.getClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE + " is missing from the application");
            }
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One method rather than two {@code @Produces}: {@code Accept: *}{@code /*} and none must get JSON. */
    @GET
    public Response root(@HeaderParam(HttpHeaders.ACCEPT) String accept, @QueryParam("query") String query,
                         @QueryParam("mode") String mode, @QueryParam("project_id") String projectId) throws IOException {
        boolean browser = accept != null && accept.contains(MediaType.TEXT_HTML);
        if (!browser) {
            return Response.ok(document(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        String html = page;
        if (!projects.isSharedMode() || projectId != null) {
            ProjectServices project = projects.resolve(projectId);
            SearchAnswer answer = null;
            if (query != null && !query.isBlank()) {
                SearchRequest request = SearchRequest.of(query).withTopK(10)
                        .withMode(mode == null || mode.isBlank() ? SearchMode.HYBRID : SearchMode.fromWireName(mode));
                answer = BudgetedSearch.search(project.index(), request, 0, 20_000);
            }
            html = SearchPage.render(page, project.root().toString(), project.index().status(), query, answer);
        }
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    private static Map<String, Object> document() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("service", "doc-serve");
        root.put("endpoints", List.of("/health", "/health/status", "/query", "/documents", "/documents/multi-get",
                "/index", "/index/jobs", "/projects", "/mcp"));
        root.put("mcp", "/mcp");
        return root;
    }
}
