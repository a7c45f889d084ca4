package dev.docserve.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.util.automaton.RegExp;
import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void shouldMatchBareFileGlobAtAnyDepth() {
        Glob glob = Glob.of("*.md");
        assertThat(glob.matches("README.md")).isTrue();
        assertThat(glob.matches("docs/guide/setup.md")).isTrue();
        assertThat(glob.matches("docs/setup.mdx")).isFalse();
    }

    @Test
    void shouldKeepSingleStarInsideOneSegment() {
        Glob glob = Glob.of("docs/*.md");
        assertThat(glob.matches("docs/a.md")).isTrue();
        assertThat(glob.matches("docs/sub/a.md")).isFalse();
    }

    @Test
    void shouldLetDoubleStarSlashMatchZeroOrMoreFolders() {
        Glob glob = Glob.of("src/**/*.java");
        assertThat(glob.matches("src/Main.java")).isTrue();
        assertThat(glob.matches("src/a/b/Main.java")).isTrue();
        assertThat(glob.matches("test/Main.java")).isFalse();
    }

    @Test
    void shouldSupportAlternativesClassesAndLiteralRegexCharacters() {
        assertThat(Glob.of("**/*.{ts,tsx}").matches("web/app.tsx")).isTrue();
        assertThat(Glob.of("**/*.{ts,tsx}").matches("web/app.js")).isFalse();
        assertThat(Glob.of("v[0-9].txt").matches("v1.txt")).isTrue();
        assertThat(Glob.of("v[!0-9].txt").matches("v1.txt")).isFalse();
        assertThat(Glob.of("notes (old)+.md").matches("x/notes (old)+.md")).isTrue();
        assertThat(Glob.of("a.md").matches("aXmd")).isFalse();
    }

    @Test
    void shouldProduceAnExpressionLuceneAccepts() {
        String regex = Glob.of("src/**/{main,test}/[a-c]?*.java~#@&<>\"").regex();
        assertThat(new RegExp(regex).toAutomaton().isDeterministic()).isNotNull();
    }
}
