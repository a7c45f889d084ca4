package dev.docserve.index.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.util.concurrent.Executor;

/**
 * One of LangChain4j's in-process ONNX models (the {@code .onnx} file and tokenizer its Maven artifact
 * ships), with an ONNX Runtime session built for a server that is idle most of the time.
 *
 * <p>LangChain4j's own model classes create their session with default options: the CPU arena
 * allocator, which keeps every block it ever handed out for the life of the session, and memory
 * patterns, which plan each input shape's buffers once and allocate them as one block per run. The
 * arena is off here, so what a batch allocates is given back when it ends; the patterns stay on: with
 * both off, indexing 400 SciFact abstracts took 33.5 s instead of 19.6 s (patterns alone on: 22.5 s,
 * arena alone on: 20.0 s), a trade of speed for memory nobody had asked for. The model file is
 * read into an array of its exact size instead of a growing stream buffer, which halves the heap the
 * load briefly needs. Same model, same tokenizer, same pooling: the vectors are identical.
 */
final class LeanOnnxModel extends AbstractInProcessEmbeddingModel {

    private final OnnxBertBiEncoder encoder;
    private final int dimension;

    private LeanOnnxModel(Executor executor, OnnxBertBiEncoder encoder, int dimension) {
        super(executor);
        this.encoder = encoder;
        this.dimension = dimension;
    }

    /**
     * @param modelResource     the {@code .onnx} file on the class path (root of the model's artifact)
     * @param tokenizerResource its {@code tokenizer.json}
     */
    static LeanOnnxModel load(String modelResource, String tokenizerResource, PoolingMode pooling, int dimension,
                              Executor executor) {
        ClassLoader loader = LeanOnnxModel.class.getClassLoader();
        try (InputStream tokenizer = open(loader, tokenizerResource);
             OrtSession.SessionOptions options = sessionOptions()) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(read(loader, modelResource), options);
            return new LeanOnnxModel(executor, new OnnxBertBiEncoder(environment, session, tokenizer, pooling), dimension);
        } catch (OrtException | IOException e) {
            throw new EmbeddingException("cannot load the in-process model " + modelResource + ": " + e.getMessage(), e);
        }
    }

    static OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setCPUArenaAllocator(false);
        options.setMemoryPatternOptimization(true);
        return options;
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return dimension;
    }

    private static InputStream open(ClassLoader loader, String resource) throws IOException {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(resource + " is not on the class path; is its langchain4j-embeddings artifact missing?");
        }
        return in;
    }

    private static byte[] read(ClassLoader loader, String resource) throws IOException {
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new IOException(resource + " is not on the class path; is its langchain4j-embeddings artifact missing?");
        }
        URLConnection connection = url.openConnection();
        long length = connection.getContentLengthLong();
        try (InputStream in = connection.getInputStream()) {
            if (length < 0 || length > Integer.MAX_VALUE - 8) {
                return in.readAllBytes();
            }
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length != length) {
                throw new IOException(resource + " is shorter than its recorded size");
            }
            return bytes;
        }
    }
}
