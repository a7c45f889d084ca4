package dev.docserve.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The bearer token of a server bound beyond loopback. Compared in constant time (both sides are
 * hashed first, so neither content nor length leaks through timing); never printed: {@link #toString}
 * hides it.
 */
public final class AccessToken {

    public static final String ENV_TOKEN = "DOC_SERVE_TOKEN";
    public static final String ENV_TOKEN_FILE = "DOC_SERVE_TOKEN_FILE";
    private static final String BEARER = "Bearer ";

    private final String value;
    private final byte[] digest;

    private AccessToken(String value) {
        this.value = value;
        this.digest = sha256(value);
    }

    /**
     * The token given directly, else the content of the token file (trimmed), else empty.
     *
     * @throws IllegalArgumentException when the file cannot be read or is empty, or the token is blank
     */
    public static Optional<AccessToken> resolve(Optional<String> token, Optional<String> tokenFile) {
        if (token.isPresent()) {
            if (token.get().isBlank()) {
                throw new IllegalArgumentException(ENV_TOKEN + " is set but empty; set a token or unset it");
            }
            return Optional.of(new AccessToken(token.get().strip()));
        }
        if (tokenFile.isEmpty() || tokenFile.get().isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(tokenFile.get());
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token file " + file + " (" + ENV_TOKEN_FILE + "): "
                    + e.getClass().getSimpleName() + "; check the path and its permissions");
        }
        if (content.isEmpty()) {
            throw new IllegalArgumentException("the token file " + file + " (" + ENV_TOKEN_FILE + ") is empty");
        }
        return Optional.of(new AccessToken(content));
    }

    /** The token a client on this machine should send, from the environment; empty when none is usable. */
    public static Optional<AccessToken> fromEnvironment() {
        try {
            return resolve(Optional.ofNullable(System.getenv(ENV_TOKEN)).filter(s -> !s.isBlank()),
                    Optional.ofNullable(System.getenv(ENV_TOKEN_FILE)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether an {@code Authorization} header carries this token. */
    public boolean acceptsHeader(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(BEARER.length()).strip()));
    }

    /** The value of an {@code Authorization} header that carries this token. */
    public String header() {
        return BEARER + value;
    }

    @Override
    public String toString() {
        return "AccessToken[hidden]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime ships SHA-256", e);
        }
    }
}
