package dev.docserve.api;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The short addresses of the API description that clients of the original doc-serve know:
 * {@code /openapi.json} serves the OpenAPI document as JSON, {@code /docs} opens Swagger UI.
 */
@ApplicationScoped
public class DocsRoutes {

    void register(@Observes Router router) {
        router.get("/openapi.json").handler(context -> context.reroute("/q/openapi?format=json"));
        router.get("/docs").handler(context -> context.redirect("/q/swagger-ui/"));
        router.get("/docs/").handler(context -> context.redirect("/q/swagger-ui/"));
    }
}
