package dev.docserve.lifecycle.layout;

import java.nio.file.Path;

/** This JVM already holds the lock (for example across a dev-mode live reload). */
public class LockHeldInThisProcessException extends RuntimeException {

    public LockHeldInThisProcessException(Path file) {
        super("this process already holds " + file);
    }
}
