package dev.docserve;

import dev.docserve.cli.DocServeCli;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * One artifact, two faces: {@code doc-serve serve} boots Quarkus; every other command is plain
 * Java that answers in a fraction of a second without booting anything.
 */
@QuarkusMain
public class Main {

    /**
     * Set by the quarkus-maven-plugin configuration for {@code quarkus:dev}; Quarkus' own launch mode
     * is not known yet when {@code main} runs.
     */
    static final String DEV_MODE_PROPERTY = "docserve.dev-mode";

    public static void main(String... args) {
        if (Boolean.getBoolean(DEV_MODE_PROPERTY)) {
            // quarkus:dev restarts the application on every live reload; it must never System.exit.
            Quarkus.run(args);
            return;
        }
        System.exit(DocServeCli.execute(args));
    }
}
