package dev.docserve.corpus;

import java.util.Locale;
import java.util.regex.Pattern;

/** What a chunk was cut from: prose documentation, production code, or test code. */
public enum SourceType {
    DOC,
    CODE,
    TEST;

    private static final Pattern TEST_FOLDER = Pattern.compile("(^|/)(test|tests|__tests__|spec|specs|testing)/");
    private static final Pattern TEST_FILE = Pattern.compile(
            "(^|/)(test_[^/]*|[^/]*(Test|Tests|TestCase|IT|Spec)\\.[^/.]+|[^/]*_test\\.[^/.]+|[^/]*\\.(test|spec)\\.[^/]+)$");

    /**
     * Whether a code file's path (relative, '/'-separated) says it is a test: a test folder
     * ({@code src/test/}, {@code tests/}, {@code __tests__/}, ...) or a test file name
     * ({@code FooTest.java}, {@code test_foo.py}, {@code foo_test.go}, {@code foo.spec.ts}, ...).
     */
    public static boolean isTestPath(String path) {
        return TEST_FOLDER.matcher(path).find() || TEST_FILE.matcher(path).find();
    }

    /** The wire name used in requests, results and the index ("doc", "code", "test"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name case-insensitively; throws {@link IllegalArgumentException} naming the valid values. */
    public static SourceType fromWireName(String name) {
        for (SourceType type : values()) {
            if (type.wireName().equalsIgnoreCase(name.trim())) {
                return type;
            }
        }
        throw new InvalidRequestException("unknown source type '" + name + "': use doc, code or test");
    }
}
