package dev.docserve.index.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.corpus.IndexRequest;
import dev.docserve.corpus.SourceType;
import dev.docserve.index.loading.CandidateFile;
import dev.docserve.index.loading.LoadedFile;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DocumentChunkerTest {

    private static final TokenCountEstimator TOKENS = new HuggingFaceTokenCountEstimator();

    private static DocumentChunker chunker(int size, int overlap) {
        return new DocumentChunker(new ChunkBudget(size, size, overlap), TOKENS);
    }

    @Test
    void shouldPackSmallSectionsWithTheSharedHeadingPathButNeverAcrossAHigherHeading() {
        String words = "Lucene scores documents with BM25 while vectors capture meaning. ".repeat(9);
        String md = String.join("\n",
                "# Guide",
                words,
                "",
                "## Install",
                "### Linux",
                "Run apt install.",
                "```bash",
                "# not a heading",
                "```",
                "## Usage",
                "Call it.",
                "# Reference",
                "## Flags",
                "Use --force.");

        List<Chunk> chunks = chunker(128, 0).chunk(doc("guide.md", "markdown", md));

        assertThat(chunks).extracting(Chunk::heading).containsExactly("Guide", "Guide", "Reference > Flags");
        assertThat(chunks.get(1).text()).isEqualTo(String.join("\n", Arrays.copyOfRange(md.split("\n"), 3, 11)));
        assertThat(chunks.get(1).text()).contains("# not a heading");
        assertThat(chunks.get(1).startLine()).isEqualTo(4);
        assertThat(chunks.get(1).endLine()).isEqualTo(11);
        assertThat(chunks.get(2).startLine()).as("the higher-level heading starts its own chunk").isEqualTo(12);
    }

    @Test
    void shouldCarryTheHeadingPathOfASectionThatFillsTheBudgetAlone() {
        String words = "Lucene scores documents with BM25 while vectors capture meaning. ".repeat(9);
        String md = String.join("\n", "# Guide", "## Install", "### Linux", words, "## Usage", words);

        List<Chunk> chunks = chunker(128, 0).chunk(doc("guide.md", "markdown", md));

        assertThat(chunks).extracting(Chunk::heading).containsExactly("Guide > Install > Linux", "Guide > Usage");
        assertThat(chunks.get(0).startLine()).isEqualTo(1);
        assertThat(chunks.get(1).startLine()).isEqualTo(5);
    }

    @Test
    void shouldPackSiblingSectionsUpToTheBudgetAndNoFurther() {
        String section = "Brew with water just off the boil and wait four minutes before pressing. ".repeat(3);
        String md = IntStream.range(0, 12).mapToObj(i -> "## Method " + i + "\n" + section)
                .collect(Collectors.joining("\n"));

        List<Chunk> chunks = chunker(200, 0).chunk(doc("coffee.md", "markdown", md));

        assertThat(chunks).hasSizeBetween(3, 6);
        assertThat(chunks).allSatisfy(c -> assertThat(TOKENS.estimateTokenCountInText(c.text())).isLessThanOrEqualTo(200));
        assertThat(chunks.stream().mapToInt(c -> c.endLine() - c.startLine() + 1).sum()).isEqualTo(24);
    }

    @Test
    void shouldCutReStructuredTextAtTitlesOfEveryStyle() {
        String words = "Replicas copy segments from the primary after every refresh. ".repeat(8);
        String rst = String.join("\n",
                "===========",
                "Replication",
                "===========",
                "",
                "Intro " + words,
                "",
                "Flow control",
                "------------",
                "",
                words,
                "",
                "Limits",
                "~~~~~~",
                "",
                "Set ``maxInFlight``.",
                "",
                "Other",
                "-----",
                "",
                "    indented::",
                "    ------",
                words);

        List<Chunk> chunks = chunker(160, 0).chunk(doc("replication.rst", "rst", rst));

        assertThat(chunks).extracting(Chunk::heading).containsExactly(
                "Replication", "Replication > Flow control", "Replication > Other");
        assertThat(chunks.get(1).text()).startsWith("Flow control\n------------").contains("Limits", "maxInFlight");
        assertThat(chunks.get(1).startLine()).isEqualTo(7);
    }

    @Test
    void shouldRecogniseSetextHeadingsAndIgnoreFrontMatter() {
        String words = "Lucene scores documents with BM25 while vectors capture meaning. ".repeat(9);
        String md = String.join("\n", "---", "title: x", "---", "Intro text " + words, "", "Setup", "=====", "Do this.");

        List<Chunk> chunks = chunker(128, 0).chunk(doc("a.md", "markdown", md));

        assertThat(chunks).extracting(Chunk::heading).containsExactly(null, "Setup");
        assertThat(chunks.get(1).startLine()).isEqualTo(6);
    }

    @Test
    void shouldNeverExceedTheTokenBudget() {
        String paragraph = "Lucene scores documents with BM25 while vectors capture meaning across paraphrases. ";
        String md = "# Long\n" + IntStream.range(0, 40).mapToObj(i -> paragraph.repeat(3) + "\n").collect(Collectors.joining("\n"));

        List<Chunk> chunks = chunker(128, 20).chunk(doc("long.md", "markdown", md));

        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(chunks).allSatisfy(c -> assertThat(TOKENS.estimateTokenCountInText(c.text())).isLessThanOrEqualTo(128));
        assertThat(chunks).allSatisfy(c -> assertThat(c.heading()).isEqualTo("Long"));
        assertThat(chunks.get(chunks.size() - 1).endLine()).isGreaterThan(chunks.get(1).startLine());
    }

    @Test
    void shouldSplitJavaAtDeclarationsWithSymbolsAndExactLines() {
        String java = String.join("\n",
                "package demo;",
                "",
                "public class Calculator {",
                "",
                "    /** Adds. */",
                "    public int add(int a, int b) {",
                body("sum", 30),
                "        return a + b;",
                "    }",
                "",
                "    @Override",
                "    public String toString() {",
                body("text", 30),
                "        return \"calc\";",
                "    }",
                "}");

        List<Chunk> chunks = chunker(160, 0).chunk(code("Calculator.java", "java", java));

        String[] lines = java.split("\n");
        assertThat(chunks).allSatisfy(c -> assertThat(c.text())
                .isEqualTo(String.join("\n", Arrays.copyOfRange(lines, c.startLine() - 1, c.endLine()))));
        assertThat(chunks).extracting(Chunk::symbol).contains("Calculator.add", "Calculator.toString");
        Chunk toString = chunks.stream().filter(c -> "Calculator.toString".equals(c.symbol())).findFirst().orElseThrow();
        assertThat(toString.text()).startsWith("    @Override");
    }

    @Test
    void shouldSplitProtocolBuffersAtTheirServicesRpcsAndMessages() {
        String proto = String.join("\n",
                "syntax = \"proto3\";",
                "",
                "service LuceneServer {",
                "    // Creates an index.",
                "    rpc createIndex (CreateIndexRequest) returns (CreateIndexResponse) {}",
                body("// create", 30),
                "    rpc startIndex (StartIndexRequest) returns (StartIndexResponse) {}",
                "}",
                "",
                "message CreateIndexRequest {",
                body("// field", 30),
                "    string indexName = 1;",
                "}");

        List<Chunk> chunks = chunker(160, 0).chunk(code("luceneserver.proto", "protobuf", proto));

        assertThat(chunks).extracting(Chunk::symbol).contains("CreateIndexRequest");
        assertThat(chunks).extracting(Chunk::symbol).anyMatch(symbol -> symbol != null && symbol.contains("createIndex"));
    }

    @Test
    void shouldFindPackagePrivateMembersButNotStatements() {
        String java = String.join("\n",
                "final class Walker {",
                "    Walker(Path root) {",
                body("a", 12),
                "        return;",
                "    }",
                "",
                "    List<String> walk(int depth,",
                "                      boolean follow) {",
                body("b", 12),
                "        return compute(depth,",
                "                follow);",
                "    }",
                "}");

        List<Chunk> chunks = chunker(160, 0).chunk(code("Walker.java", "java", java));

        assertThat(chunks).extracting(Chunk::symbol).containsExactly("Walker", "Walker.walk");
        assertThat(chunks.get(1).startLine()).isEqualTo(18);
        assertThat(DeclarationPatterns.declaredName("java", "    Walker(Path root) {")).hasValue("Walker");
        assertThat(DeclarationPatterns.declaredName("java", "        return compute(depth,")).isEmpty();
        assertThat(DeclarationPatterns.declaredName("java", "        String s = format(a,")).isEmpty();
        assertThat(DeclarationPatterns.declaredName("java", "        } else if (ready &&")).isEmpty();
    }

    @Test
    void shouldKeepPythonDecoratorsWithTheirFunction() {
        String py = String.join("\n",
                "import os",
                "",
                "class Store:",
                "    def load(self):",
                body("x", 25).replace("        int", "        x =").replace(";", ""),
                "",
                "    @property",
                "    def size(self):",
                "        return 3",
                "",
                "def main():",
                "    Store().load()");

        List<Chunk> chunks = chunker(128, 0).chunk(code("store.py", "python", py));

        assertThat(chunks).extracting(Chunk::symbol).contains("Store.load", "Store.size");
        Chunk size = chunks.stream().filter(c -> "Store.size".equals(c.symbol())).findFirst().orElseThrow();
        assertThat(size.text()).startsWith("    @property");
        assertThat(chunks).allSatisfy(c -> assertThat(TOKENS.estimateTokenCountInText(c.text())).isLessThanOrEqualTo(128));
    }

    @Test
    void shouldLowerChunkSizeToWhatTheModelReads() {
        ChunkBudget budget = ChunkBudget.of(IndexRequest.of(Path.of(".")).withChunking(1024, 200), 510);

        assertThat(budget.effectiveSize()).isEqualTo(510);
        assertThat(budget.requestedSize()).isEqualTo(1024);
        assertThat(budget.overlap()).isEqualTo(200);
    }

    private static String body(String variable, int lines) {
        return IntStream.range(0, lines).mapToObj(i -> "        int " + variable + i + " = " + i + ";")
                .collect(Collectors.joining("\n"));
    }

    private static LoadedFile doc(String path, String language, String text) {
        return new LoadedFile(new CandidateFile(Path.of("/p", path), path, SourceType.DOC, language, text.length()), text, null, "h");
    }

    private static LoadedFile code(String path, String language, String text) {
        return new LoadedFile(new CandidateFile(Path.of("/p", path), path, SourceType.CODE, language, text.length()), text, null, "h");
    }
}
