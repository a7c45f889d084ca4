package dev.docserve.project;

/**
 * A request for a project that this process cannot serve as asked. The message says what to do;
 * the {@link Reason} lets the HTTP layer choose the status without reading the message.
 */
public class ProjectException extends RuntimeException {

    /** Why the project cannot be served. */
    public enum Reason {
        /** The shared daemon needs {@code project_id} and the request has none. */
        PROJECT_ID_REQUIRED,
        /** The folder given as a project root is missing, not a directory, or not a path. */
        INVALID_ROOT,
        /** No project with that id is registered. */
        UNKNOWN_PROJECT,
        /** Registration is a shared-daemon feature and this is a project-mode server. */
        NOT_SHARED_MODE,
        /** The registered root no longer exists: the project is reported, never served. */
        ROOT_GONE,
        /** A project-mode server already serves that folder. */
        SERVED_ELSEWHERE,
        /** The server is still starting, or the project's index could not be opened. */
        NOT_READY
    }

    private final Reason reason;

    public ProjectException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
