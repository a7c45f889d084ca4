package dev.docserve.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenTest {

    @TempDir
    Path temp;

    @Test
    void shouldAcceptOnlyTheExactBearerToken() {
        AccessToken token = AccessToken.resolve(Optional.of("s3cret-token"), Optional.empty()).orElseThrow();

        assertThat(token.acceptsHeader("Bearer s3cret-token")).isTrue();
        assertThat(token.acceptsHeader("bearer s3cret-token")).isTrue();
        assertThat(token.acceptsHeader("Bearer s3cret-toke")).isFalse();
        assertThat(token.acceptsHeader("Bearer s3cret-token2")).isFalse();
        assertThat(token.acceptsHeader("Basic s3cret-token")).isFalse();
        assertThat(token.acceptsHeader("s3cret-token")).isFalse();
        assertThat(token.acceptsHeader(null)).isFalse();
        assertThat(token.toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldReadTheTokenFileWhenNoTokenIsGiven() throws IOException {
        Path file = Files.writeString(temp.resolve("token"), "from-file\n");

        AccessToken token = AccessToken.resolve(Optional.empty(), Optional.of(file.toString())).orElseThrow();

        assertThat(token.acceptsHeader("Bearer from-file")).isTrue();
        assertThat(AccessToken.resolve(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void shouldRefuseAMissingOrEmptyTokenFile() throws IOException {
        Path empty = Files.writeString(temp.resolve("empty"), "  \n");

        assertThatThrownBy(() -> AccessToken.resolve(Optional.empty(), Optional.of(temp.resolve("none").toString())))
                .hasMessageContaining("cannot read the token file");
        assertThatThrownBy(() -> AccessToken.resolve(Optional.empty(), Optional.of(empty.toString())))
                .hasMessageContaining("is empty");
    }

    @Test
    void shouldTellLoopbackFromOtherAddresses() {
        assertThat(AccessGuard.isLoopback("127.0.0.1")).isTrue();
        assertThat(AccessGuard.isLoopback("localhost")).isTrue();
        assertThat(AccessGuard.isLoopback("::1")).isTrue();
        assertThat(AccessGuard.isLoopback("[::1]")).isTrue();
        assertThat(AccessGuard.isLoopback("0.0.0.0")).isFalse();
        assertThat(AccessGuard.isLoopback("::")).isFalse();
        assertThat(AccessGuard.isLoopback("192.168.1.10")).isFalse();
    }
}
