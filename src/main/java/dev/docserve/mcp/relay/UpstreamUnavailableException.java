package dev.docserve.mcp.relay;

/** No instance answers for the project and none could be started; the message says why. */
public class UpstreamUnavailableException extends RuntimeException {

    public UpstreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
