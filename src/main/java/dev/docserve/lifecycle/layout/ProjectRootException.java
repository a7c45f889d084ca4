package dev.docserve.lifecycle.layout;

/** The folder given (or the working directory) cannot be turned into a project root. */
public class ProjectRootException extends RuntimeException {

    public ProjectRootException(String message) {
        super(message);
    }
}
