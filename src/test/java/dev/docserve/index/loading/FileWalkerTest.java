package dev.docserve.index.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.docserve.corpus.IndexRequest;
import dev.docserve.corpus.SourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWalkerTest {

    @TempDir
    Path root;

    private final FileWalker walker = new FileWalker();

    @Test
    void shouldSelectDocumentsOnlyUnlessCodeIsRequested() throws IOException {
        write("README.md", "# Hello");
        write("src/Main.java", "class Main {}");

        assertThat(paths(walker.walk(IndexRequest.of(root)))).containsExactly("README.md");
        assertThat(paths(walker.walk(IndexRequest.of(root).withIncludeCode(true))))
                .containsExactly("README.md", "src/Main.java");
    }

    @Test
    void shouldSkipDefaultExcludedFoldersEvenWhenRequestAddsExcludes() throws IOException {
        write("docs/a.md", "a");
        write("docs/private/secret.md", "s");
        write("node_modules/pkg/README.md", "n");
        write(".git/info.md", "g");
        write("target/site/index.html", "<p>t</p>");
        write(".claude/doc-serve/notes.md", "c");

        WalkResult result = walker.walk(IndexRequest.of(root).withPatterns(List.of(), List.of("docs/private/**")));

        assertThat(paths(result)).containsExactly("docs/a.md");
    }

    @Test
    void shouldApplyIncludePatternsOnTopOfDefaults() throws IOException {
        write("docs/a.md", "a");
        write("docs/b.txt", "b");
        write("node_modules/c.md", "c");
        write("config/app.yaml", "key: value");

        WalkResult result = walker.walk(IndexRequest.of(root).withPatterns(List.of("*.md", "*.yaml"), List.of()));

        assertThat(paths(result)).containsExactly("config/app.yaml", "docs/a.md");
    }

    @Test
    void shouldClassifyTestsAndDetectLanguages() throws IOException {
        write("src/main/java/App.java", "class App {}");
        write("src/test/java/AppTest.java", "class AppTest {}");
        write("pkg/util_test.go", "package pkg");
        write("web/app.test.ts", "test()");
        write("lib/tool.py", "def f(): pass");
        write("lib/test_tool.py", "def test_f(): pass");

        List<CandidateFile> files = walker.walk(IndexRequest.of(root).withIncludeCode(true)).files();

        assertThat(files).extracting(CandidateFile::folderPath, CandidateFile::sourceType, CandidateFile::language)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lib/test_tool.py", SourceType.TEST, "python"),
                        org.assertj.core.groups.Tuple.tuple("lib/tool.py", SourceType.CODE, "python"),
                        org.assertj.core.groups.Tuple.tuple("pkg/util_test.go", SourceType.TEST, "go"),
                        org.assertj.core.groups.Tuple.tuple("src/main/java/App.java", SourceType.CODE, "java"),
                        org.assertj.core.groups.Tuple.tuple("src/test/java/AppTest.java", SourceType.TEST, "java"),
                        org.assertj.core.groups.Tuple.tuple("web/app.test.ts", SourceType.TEST, "typescript"));
    }

    @Test
    void shouldRestrictCodeToSupportedLanguages() throws IOException {
        write("a.py", "x = 1");
        write("b.go", "package b");
        write("c.md", "doc");

        WalkResult result = walker.walk(IndexRequest.of(root).withIncludeCode(true).withSupportedLanguages(List.of("Go")));

        assertThat(paths(result)).containsExactly("b.go", "c.md");
    }

    @Test
    void shouldNotDescendWhenNotRecursive() throws IOException {
        write("top.md", "t");
        write("sub/deep.md", "d");

        assertThat(paths(walker.walk(IndexRequest.of(root).withRecursive(false)))).containsExactly("top.md");
    }

    @Test
    void shouldSurviveSymlinkLoopsAndNeverFollowLinksOutOfTheFolder(@TempDir Path outside) throws IOException {
        write("docs/a.md", "a");
        Files.writeString(outside.resolve("leak.md"), "outside");
        Files.createSymbolicLink(root.resolve("docs/loop"), root);
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("alias.md"), root.resolve("docs/a.md"));
        Files.createSymbolicLink(root.resolve("dangling.md"), root.resolve("missing.md"));

        WalkResult result = walker.walk(IndexRequest.of(root));

        assertThat(paths(result)).containsExactly("docs/a.md");
        assertThat(result.skippedCount(SkipReason.LINK_OUT_OF_TREE_OR_SEEN)).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldSkipFifosWithoutOpeningThem() throws Exception {
        write("a.md", "a");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe.md").toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo not available");
            return;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0);

        WalkResult result = walker.walk(IndexRequest.of(root));

        assertThat(paths(result)).containsExactly("a.md");
        assertThat(result.skippedCount(SkipReason.NOT_A_REGULAR_FILE)).isEqualTo(1);
    }

    @Test
    void shouldSkipLinksToDevicesWithoutReadingThem() throws IOException {
        assumeTrue(Files.exists(Path.of("/dev/zero")) && Files.exists(Path.of("/dev/urandom")));
        write("a.md", "a");
        Files.createSymbolicLink(root.resolve("zero.md"), Path.of("/dev/zero"));
        Files.createSymbolicLink(root.resolve("random.txt"), Path.of("/dev/urandom"));
        Files.createSymbolicLink(root.resolve("devices"), Path.of("/dev"));

        WalkResult result = walker.walk(IndexRequest.of(root).withPatterns(List.of("**"), List.of()));

        assertThat(paths(result)).containsExactly("a.md");
        assertThat(result.skippedCount(SkipReason.NOT_A_REGULAR_FILE)).isEqualTo(2);
        assertThat(result.skippedCount(SkipReason.LINK_OUT_OF_TREE_OR_SEEN)).isEqualTo(1);
    }

    @Test
    void shouldListOnlyRegularFilesWhenTheFolderItselfHoldsDevices() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/dev")) && Files.exists(Path.of("/dev/null")));

        WalkResult result = walker.walk(IndexRequest.of(Path.of("/dev")).withPatterns(List.of("**"), List.of()));

        assertThat(result.files()).allSatisfy(file -> assertThat(Files.isRegularFile(file.path())).isTrue());
        assertThat(result.files()).extracting(CandidateFile::folderPath).doesNotContain("null", "zero", "urandom");
        // Where /dev is devtmpfs it is not entered at all; on a plain tmpfs its device nodes are skipped one by one.
        assertThat(result.skippedCount(SkipReason.NOT_A_REGULAR_FILE) + result.skippedCount(SkipReason.PSEUDO_FILE_SYSTEM))
                .isPositive();
    }

    @Test
    void shouldSkipUnixSocketsWithoutOpeningThem() throws IOException {
        write("a.md", "a");
        try (var socket = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            socket.bind(java.net.UnixDomainSocketAddress.of(root.resolve("agent.md")));

            WalkResult result = walker.walk(IndexRequest.of(root).withPatterns(List.of("**"), List.of()));

            assertThat(paths(result)).containsExactly("a.md");
            assertThat(result.skippedCount(SkipReason.NOT_A_REGULAR_FILE)).isEqualTo(1);
        }
    }

    @Test
    void shouldNotEnterKernelFileSystems() throws IOException {
        Path proc = Path.of("/proc/self/fdinfo");
        assumeTrue(Files.isDirectory(proc));

        WalkResult result = walker.walk(IndexRequest.of(proc).withPatterns(List.of("**"), List.of()));

        assertThat(result.files()).isEmpty();
        assertThat(result.skippedCount(SkipReason.PSEUDO_FILE_SYSTEM)).isEqualTo(1);
    }

    @Test
    void shouldNotOpenAFifoSwappedInAfterTheWalk() throws Exception {
        write("a.md", "a");
        CandidateFile walked = walker.walk(IndexRequest.of(root)).files().get(0);
        Files.delete(root.resolve("a.md"));
        assumeTrue(mkfifo(root.resolve("a.md")));

        // Opening a FIFO blocks until a writer comes: a hang here is the bug.
        UnreadableFileException refused = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> readFailure(walked));

        assertThat(refused.reason()).isEqualTo(SkipReason.NOT_A_REGULAR_FILE);
    }

    @Test
    void shouldNotFollowALinkSwappedInAfterTheWalk() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        write("a.md", "a");
        CandidateFile walked = walker.walk(IndexRequest.of(root)).files().get(0);
        Files.delete(root.resolve("a.md"));
        Files.createSymbolicLink(root.resolve("a.md"), Path.of("/dev/zero"));

        UnreadableFileException refused = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> readFailure(walked));

        assertThat(refused.reason()).isEqualTo(SkipReason.NOT_A_REGULAR_FILE);
    }

    @Test
    void shouldRefuseAFileThatGrewPastTheLimitAfterTheWalk() throws Exception {
        write("log.txt", "small");
        CandidateFile walked = walker.walk(IndexRequest.of(root)).files().get(0);
        Files.write(root.resolve("log.txt"), new byte[(int) FileWalker.MAX_TEXT_BYTES + 1]);

        assertThat(readFailure(walked).reason()).isEqualTo(SkipReason.TOO_LARGE);
    }

    private static UnreadableFileException readFailure(CandidateFile file) {
        try {
            new TextExtractor().read(file);
        } catch (UnreadableFileException e) {
            return e;
        }
        throw new AssertionError("read " + file.path() + " although it should have been refused");
    }

    private static boolean mkfifo(Path path) throws InterruptedException {
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
            return mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void shouldSkipHugeFilesAndRejectBinaryContent() throws IOException {
        write("a.md", "a");
        Files.write(root.resolve("huge.txt"), new byte[(int) FileWalker.MAX_TEXT_BYTES + 1]);
        Files.write(root.resolve("blob.txt"), new byte[] {'a', 0, 'b'});

        WalkResult result = walker.walk(IndexRequest.of(root));

        assertThat(paths(result)).containsExactly("a.md", "blob.txt");
        assertThat(result.skippedCount(SkipReason.TOO_LARGE)).isEqualTo(1);
        CandidateFile blob = result.files().get(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TextExtractor().load(blob))
                .isInstanceOfSatisfying(UnreadableFileException.class, e -> assertThat(e.reason()).isEqualTo(SkipReason.BINARY));
    }

    @Test
    void shouldExtractHtmlTextWithoutScripts() throws IOException {
        write("page.html", "<html><head><title>Guide</title><script>var x=1;</script></head>"
                + "<body><h1>Install</h1>\n<p>Run the installer.</p></body></html>");

        LoadedFile loaded = new TextExtractor().load(walker.walk(IndexRequest.of(root)).files().get(0));

        assertThat(loaded.title()).isEqualTo("Guide");
        assertThat(loaded.text()).contains("# Install\n").contains("Run the installer.").doesNotContain("var x");
    }

    @Test
    void shouldExtractPdfText() throws IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = new org.apache.pdfbox.pdmodel.PDDocument()) {
            org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
            pdf.addPage(page);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(pdf, page)) {
                content.beginText();
                content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                        org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText("Quarterly maintenance checklist for the boiler");
                content.endText();
            }
            pdf.getDocumentInformation().setTitle("Boiler manual");
            pdf.save(root.resolve("manual.pdf").toFile());
        }

        LoadedFile loaded = new TextExtractor().load(walker.walk(IndexRequest.of(root)).files().get(0));

        assertThat(loaded.file().language()).isEqualTo("pdf");
        assertThat(loaded.title()).isEqualTo("Boiler manual");
        assertThat(loaded.text()).contains("Quarterly maintenance checklist for the boiler");
    }

    @Test
    void shouldCountCorruptPdfsAsUnreadable() throws IOException {
        write("broken.pdf", "%PDF-1.7 this is not really a pdf");

        CandidateFile broken = walker.walk(IndexRequest.of(root)).files().get(0);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TextExtractor().load(broken))
                .isInstanceOfSatisfying(UnreadableFileException.class, e -> assertThat(e.reason()).isEqualTo(SkipReason.UNREADABLE));
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static List<String> paths(WalkResult result) {
        return result.files().stream().map(CandidateFile::folderPath).toList();
    }
}
