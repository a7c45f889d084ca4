package dev.docserve.lifecycle.layout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** {@code p_} + the first 8 hex characters of SHA-256 over the canonical project root (UTF-8). */
public final class ProjectId {

    private ProjectId() {
    }

    public static String of(Path canonicalRoot) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalRoot.toString().getBytes(StandardCharsets.UTF_8));
            return "p_" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime ships SHA-256", e);
        }
    }
}
