package dev.docserve.index.embedding;

import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java word-piece count must equal the native Hugging Face tokenizer's on every text chunking
 * could ask about: chunk sizes are capped at what the model reads, so an undercount would let the
 * model silently drop the end of a chunk.
 */
class WordPieceCounterTest {

    private final HuggingFaceTokenCountEstimator reference = new HuggingFaceTokenCountEstimator();
    private final WordPieceCounter counter = WordPieceCounter.bertBaseUncased();

    @Test
    void countsShouldEqualTheNativeTokenizersOnAwkwardText() {
        List<String> texts = List.of("", " ", "Hello, world!", "naïve café Ærøskøbing déjà vu", "İstanbul ΣΊΣΥΦΟΣ straße",
                "東京は日本の首都です。中文字符", "emoji 😀👍🏽 and ☃ snow", "tab\tnew\nline\r\ncarriage\u000bvt\u0085nel",
                "zero\u200bwidth\u00a0nbsp\u3000ideographic", "control\u0000nul\u0007bell\ufffdreplacement\ue000private",
                "[CLS] special [SEP] tokens [MASK][PAD][UNK] in text [cls]", "a".repeat(101) + " " + "b".repeat(100),
                "supercalifragilisticexpialidocious antidisestablishmentarianism", "ﬁ ligature ① circled Ｆｕｌｌ",
                "x<=y && y>=z || !(a^b) ~c @d #e $f %g", "snake_case camelCaseWord kebab-case dotted.name", "\u05d0\u05d1 عربى ไทย",
                "ﷺ \u0301combining \u0e33 \ufb2a", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠀀𠀁 \uf900\ufa0e");
        for (String text : texts) {
            assertThat(counter.estimateTokenCountInText(text)).as(text).isEqualTo(reference.estimateTokenCountInText(text));
        }
    }

    @Test
    void countsShouldEqualTheNativeTokenizersOnThisRepositorysSourcesAndDocs() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Path.of("src/main"))) {
            walk.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(java|md|properties|sh)$")
                    || f.getFileName().toString().equals("doc-serve")).forEach(files::add);
        }
        files.add(Path.of("README.md"));
        assertThat(files).hasSizeGreaterThan(100);
        for (Path file : files) {
            String text = Files.readString(file);
            assertThat(counter.estimateTokenCountInText(text)).as(file.toString()).isEqualTo(reference.estimateTokenCountInText(text));
            for (String line : text.split("\n")) {
                assertThat(counter.estimateTokenCountInText(line)).as(file + ": " + line).isEqualTo(reference.estimateTokenCountInText(line));
            }
        }
    }
}
