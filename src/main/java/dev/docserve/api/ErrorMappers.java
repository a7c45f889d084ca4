package dev.docserve.api;

import dev.docserve.corpus.InvalidRequestException;
import dev.docserve.project.ProjectException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.docserve.index.embedding.EmbeddingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import dev.docserve.search.store.StorageUnavailableException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Maps every failure to the contract's error body. 4xx for what the client can fix, with a detail
 * that says how; 5xx only for bugs, logged here with their stack trace and never sent to the client.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return error(e.status().getStatusCode(), e.getMessage());
    }

    /** The one place a project that cannot be served becomes a status. */
    @ServerExceptionMapper
    public Response project(ProjectException e) {
        int status = switch (e.reason()) {
            case PROJECT_ID_REQUIRED, INVALID_ROOT -> 400;
            case UNKNOWN_PROJECT, NOT_SHARED_MODE -> 404;
            case SERVED_ELSEWHERE -> 409;
            case ROOT_GONE -> 410;
            case NOT_READY -> 503;
        };
        return error(status, e.getMessage());
    }

    @ServerExceptionMapper
    public Response documentNotFound(dev.docserve.retrieval.DocumentNotFoundException e) {
        return error(404, e.getMessage());
    }

    /** Quarkus ships its own mapper for this subtype; ours must be at least as specific to win. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return invalidJson(e);
    }

    /**
     * Quarkus maps this one to a bare 500 of its own. It means a body class Jackson cannot bind: a bug of
     * ours, answered like every other bug.
     */
    @ServerExceptionMapper
    public Response invalidDefinition(InvalidDefinitionException e) {
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response invalidJson(JsonProcessingException e) {
        return error(400, JsonErrors.detail(e));
    }

    /** A field out of range or malformed, found by the request types themselves: one path for every body. */
    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return error(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return invalidJson(json);
            }
        }
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 400 -> "the request body does not fit the endpoint: check field names and types";
            case 404 -> "no such endpoint; see GET /health and the API table in the README";
            case 405 -> "method not allowed on this path";
            case 406 -> "this endpoint answers application/json only";
            case 413 -> "the request body is too large";
            case 415 -> "send the body as application/json";
            default -> e.getMessage() == null ? "request failed with status " + status : e.getMessage();
        };
        return error(status, detail);
    }

    /** The storage backend (OpenSearch) is down or refuses us: the client may retry; the detail says what to check. */
    @ServerExceptionMapper
    public Response storageUnavailable(StorageUnavailableException e) {
        LOG.warn(e.getMessage());
        return error(503, e.getMessage());
    }

    /** A storage failure wrapped on its way out (e.g. by the project registry). */
    @ServerExceptionMapper
    public Response uncheckedIo(java.io.UncheckedIOException e) {
        if (e.getCause() instanceof StorageUnavailableException unavailable) {
            return storageUnavailable(unavailable);
        }
        return unexpected(e);
    }

    /** A job of another replica: only that replica can cancel it. */
    @ServerExceptionMapper
    public Response jobElsewhere(dev.docserve.index.jobs.JobElsewhereException e) {
        return error(409, e.getMessage());
    }

    /** The model provider is down or refuses us: not the client's fault, and not a bug of ours either. */
    @ServerExceptionMapper
    public Response embedding(EmbeddingException e) {
        LOG.warnf("the embedding model failed while serving a request: %s", e.getMessage());
        return error(503, "the embedding model is unavailable: " + e.getMessage()
                + "; check the provider settings (OPENAI_API_KEY, OPENAI_BASE_URL, OLLAMA_BASE_URL), or query with "
                + "\"mode\": \"bm25\", which needs no model");
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        // The client gets a reference to quote, never the exception: its class and message are internals.
        String reference = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        LOG.errorf(e, "unexpected error while serving a request (reference %s)", reference);
        return error(500, "internal error (reference " + reference + "); the server log has the details under that reference");
    }

    static Response error(int status, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(detail)).build();
    }

}
