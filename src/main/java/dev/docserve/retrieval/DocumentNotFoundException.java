package dev.docserve.retrieval;

/** No indexed document (or chunk) answers to the path or id asked for; the message says what to try instead. */
public class DocumentNotFoundException extends RuntimeException {

    public DocumentNotFoundException(String message) {
        super(message);
    }
}
