package dev.docserve.index.embedding;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The lean session changes how ONNX Runtime holds memory, never the vectors. */
class LeanOnnxModelTest {

    @Test
    void vectorsShouldEqualThoseOfLangChain4jsOwnModelClass() {
        EmbeddingModel lean = LeanOnnxModel.load("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
                PoolingMode.MEAN, 384, Runnable::run);
        EmbeddingModel original = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
        List<TextSegment> texts = List.of(TextSegment.from("How are failed requests retried?"),
                TextSegment.from("Retries use exponential backoff with jitter, at most five attempts."),
                TextSegment.from("def retry(fn, attempts=5):\n    for i in range(attempts):\n        ..."));

        List<float[]> mine = lean.embedAll(texts).content().stream().map(e -> e.vector()).toList();
        List<float[]> theirs = original.embedAll(texts).content().stream().map(e -> e.vector()).toList();

        assertThat(lean.dimension()).isEqualTo(384);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(mine.get(i)).hasSize(384);
            for (int d = 0; d < 384; d++) {
                assertThat(mine.get(i)[d]).isCloseTo(theirs.get(i)[d], within(1e-5f));
            }
        }
    }

    @Test
    void closingShouldFreeTheSessionAndFindTheEncodersTokenizer() throws Exception {
        LeanOnnxModel lean = LeanOnnxModel.load("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
                PoolingMode.MEAN, 384, Runnable::run);
        lean.embed("one call before closing");
        // The tokenizer is reached by reflection: a LangChain4j release that renames the field fails here.
        assertThat(LeanOnnxModel.closeTokenizer(lean.model())).isTrue();
        lean.close();
    }
}
