package dev.docserve.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST:45123", "localhost.", "127.0.0.1", "127.0.0.1:8080", "127.1.2.3:1",
            "[::1]", "[::1]:45123", "[0:0:0:0:0:0:0:1]:80", "[::ffff:127.0.0.1]:9"})
    void shouldAcceptLoopbackNamesWithAnyPort(String authority) {
        assertThat(LoopbackNames.isLoopbackAuthority(authority)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:45123", "localhost.evil.example", "127.0.0.1.evil.example",
            "127.0.0.1.nip.io:80", "10.0.0.1", "0.0.0.0:45123", "[::]", "[::2]:80", "127.0.0.256", "128.0.0.1",
            "localhost:abc", "localhost:", "localhost:1:2", "::1", "[::1", "[::1]x", "", "localhost@evil.example",
            "127.0.0.1 evil", "2130706433", "0x7f.0.0.1"})
    void shouldRefuseEverythingElseWithoutResolvingIt(String authority) {
        assertThat(LoopbackNames.isLoopbackAuthority(authority)).isFalse();
    }
}
