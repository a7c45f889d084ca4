package dev.docserve.corpus;

/**
 * A request (what to index, what to search for) with a field out of range or malformed. The message
 * names the field and the accepted values; every entry point (HTTP, CLI, MCP) shows it as it is.
 */
public class InvalidRequestException extends IllegalArgumentException {

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
