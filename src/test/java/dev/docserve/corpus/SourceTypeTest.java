package dev.docserve.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"src/test/java/dev/Foo.java", "tests/test_io.py", "pkg/io_test.go", "web/__tests__/a.js",
            "src/FooTest.java", "src/FooIT.java", "app/foo.spec.ts", "lib/foo.test.js", "test_util.py"})
    void shouldKnowTestsByTheirFolderOrName(String path) {
        assertThat(SourceType.isTestPath(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/main/java/dev/Foo.java", "src/main/java/dev/TestFilePrior.java", "contest/main.py",
            "src/attest.go", "latest/notes.py", "src/Contest.java"})
    void shouldNotTakeCodeForTests(String path) {
        assertThat(SourceType.isTestPath(path)).as(path).isFalse();
    }
}
