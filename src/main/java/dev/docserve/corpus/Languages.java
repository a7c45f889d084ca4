package dev.docserve.corpus;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps file extensions to the language names stored with every chunk and accepted by the
 * {@code languages} filter. Documentation formats get a language too (markdown, html, ...), so a
 * query can ask for "only markdown".
 */
public final class Languages {

    private static final Map<String, String> DOCUMENTS = Map.ofEntries(
            Map.entry("md", "markdown"), Map.entry("markdown", "markdown"),
            Map.entry("txt", "text"), Map.entry("rst", "rst"),
            Map.entry("adoc", "asciidoc"), Map.entry("asciidoc", "asciidoc"),
            Map.entry("html", "html"), Map.entry("htm", "html"),
            Map.entry("pdf", "pdf"));

    private static final Map<String, String> CODE = Map.ofEntries(
            Map.entry("java", "java"),
            Map.entry("kt", "kotlin"), Map.entry("kts", "kotlin"),
            Map.entry("py", "python"), Map.entry("pyi", "python"),
            Map.entry("ts", "typescript"), Map.entry("tsx", "typescript"),
            Map.entry("mts", "typescript"), Map.entry("cts", "typescript"),
            Map.entry("js", "javascript"), Map.entry("jsx", "javascript"),
            Map.entry("mjs", "javascript"), Map.entry("cjs", "javascript"),
            Map.entry("go", "go"), Map.entry("rs", "rust"),
            Map.entry("c", "c"), Map.entry("h", "c"),
            Map.entry("cc", "cpp"), Map.entry("cpp", "cpp"), Map.entry("cxx", "cpp"),
            Map.entry("hpp", "cpp"), Map.entry("hh", "cpp"), Map.entry("hxx", "cpp"),
            Map.entry("cs", "csharp"), Map.entry("swift", "swift"),
            Map.entry("scala", "scala"), Map.entry("groovy", "groovy"),
            Map.entry("rb", "ruby"), Map.entry("php", "php"),
            Map.entry("sh", "shell"), Map.entry("bash", "shell"), Map.entry("zsh", "shell"),
            Map.entry("sql", "sql"), Map.entry("lua", "lua"), Map.entry("dart", "dart"),
            Map.entry("m", "objective-c"), Map.entry("mm", "objective-c"),
            // Interface definitions and build/configuration files: where an API, a setting or a
            // dependency is declared, which is what questions about a repository often ask for.
            Map.entry("proto", "protobuf"), Map.entry("thrift", "thrift"),
            Map.entry("graphql", "graphql"), Map.entry("gql", "graphql"),
            Map.entry("gradle", "groovy"), Map.entry("yaml", "yaml"), Map.entry("yml", "yaml"),
            Map.entry("toml", "toml"), Map.entry("properties", "properties"));

    private static final Set<String> CONFIGURATION = Set.of("protobuf", "thrift", "graphql", "yaml", "toml", "properties");

    private Languages() {
    }

    /** Interface definitions and configuration: code for {@code include_code}, yet readable as documents. */
    public static boolean isConfiguration(String language) {
        return CONFIGURATION.contains(language);
    }

    public static Optional<String> documentLanguage(Path file) {
        return Optional.ofNullable(DOCUMENTS.get(extension(file)));
    }

    public static Optional<String> codeLanguage(Path file) {
        return Optional.ofNullable(CODE.get(extension(file)));
    }

    /** Every code language name, sorted; useful to validate a request's {@code supported_languages}. */
    public static Set<String> codeLanguages() {
        return new TreeSet<>(CODE.values());
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
