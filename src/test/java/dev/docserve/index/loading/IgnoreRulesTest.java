package dev.docserve.index.loading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.corpus.IndexRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walker's ignore rules, checked against git itself on a real repository. */
class IgnoreRulesTest {

    @TempDir
    Path repo;

    private final FileWalker walker = new FileWalker();

    @Test
    void shouldIndexExactlyWhatGitDoesNotIgnoreWithNestedFilesNegationsAndInfoExclude() throws Exception {
        git("init", "-q");
        write(".gitignore", "*.log.md\ngenerated/\n/top-only.md\n!keep.log.md\n");
        write("docs/.gitignore", "draft-*.md\n!draft-final.md\nsub/**/deep.md\n");
        write("docs/api/.gitignore", "!important.log.md\n");
        write(".git/info/exclude", "local-notes.md\n");
        for (String file : List.of("README.md", "top-only.md", "docs/top-only.md", "a.log.md", "keep.log.md",
                "generated/x.md", "docs/generated/y.md", "docs/draft-1.md", "docs/draft-final.md", "docs/guide.md",
                "docs/sub/a/b/deep.md", "docs/sub/shallow.md", "docs/api/important.log.md", "docs/api/other.log.md",
                "local-notes.md", "docs/local-notes.md")) {
            write(file, "# " + file);
        }

        Set<String> indexed = new TreeSet<>(walker.walk(IndexRequest.of(repo)).files().stream()
                .map(CandidateFile::folderPath).toList());

        Set<String> gitSees = new TreeSet<>(git("ls-files", "--others", "--exclude-standard").lines()
                .filter(path -> path.endsWith(".md")).collect(Collectors.toSet()));
        assertThat(indexed).isEqualTo(gitSees);
        assertThat(indexed).contains("keep.log.md", "docs/draft-final.md", "docs/api/important.log.md", "docs/top-only.md")
                .doesNotContain("a.log.md", "generated/x.md", "docs/generated/y.md", "docs/draft-1.md",
                        "docs/sub/a/b/deep.md", "local-notes.md", "docs/api/other.log.md");
    }

    @Test
    void shouldApplyDocServeIgnoreBeforeTheGitignoreOfItsFolderAndWithoutARepository() throws IOException {
        write(".gitignore", "!notes.md\n");
        write(".docserveignore", "private/\nnotes.md\n");
        write("notes.md", "n");
        write("private/secret.md", "s");
        write("public.md", "p");

        WalkResult walk = walker.walk(IndexRequest.of(repo));

        assertThat(walk.files()).extracting(CandidateFile::folderPath).containsExactly("public.md");
        assertThat(walk.skipped()).containsEntry(SkipReason.IGNORED, 2);
    }

    @Test
    void shouldNeverEnterAnIgnoredFolderSoANegationCannotReincludeBelowIt() throws Exception {
        git("init", "-q");
        write(".gitignore", "generated/\n!generated/keep.md\n");
        write("generated/keep.md", "k");
        write("in.md", "i");

        assertThat(walker.walk(IndexRequest.of(repo)).files()).extracting(CandidateFile::folderPath)
                .containsExactly("in.md");
        assertThat(git("ls-files", "--others", "--exclude-standard").lines().toList()).doesNotContain("generated/keep.md");
    }

    @Test
    void shouldApplyTheRepositoryRulesToASubfolderThatIsIndexedAlone() throws Exception {
        git("init", "-q");
        write(".gitignore", "docs/old/\n*.tmp.md\n");
        write("docs/a.md", "a");
        write("docs/b.tmp.md", "b");
        write("docs/old/c.md", "c");

        assertThat(walker.walk(IndexRequest.of(repo.resolve("docs"))).files()).extracting(CandidateFile::folderPath)
                .containsExactly("a.md");
    }

    private void write(String relative, String content) throws IOException {
        Path file = repo.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "core.excludesFile=/dev/null"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
