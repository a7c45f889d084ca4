package dev.docserve.index.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.lang.reflect.Field;
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
final class LeanOnnxModel extends AbstractInProcessEmbeddingModel implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeanOnnxModel.class);

    private final OnnxBertBiEncoder encoder;
    private final OrtSession session;
    private final int dimension;

    private LeanOnnxModel(Executor executor, OnnxBertBiEncoder encoder, OrtSession session, int dimension) {
        super(executor);
        this.encoder = encoder;
        this.session = session;
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
            return new LeanOnnxModel(executor, new OnnxBertBiEncoder(environment, session, tokenizer, pooling), session, dimension);
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

    /**
     * Frees the session (weights, pre-packed kernels, memory patterns) and the encoder's native tokenizer.
     * The caller guarantees that no embedding runs and none will: native memory is freed here, and a call
     * on a closed session would crash the JVM, not throw.
     *
     * <p>LangChain4j's encoder builds its DJL tokenizer itself and offers no way to close it; DJL frees a
     * tokenizer's native memory only on {@code close()}, so without this every unload would leak one.
     * Reached by reflection, and skipped with a debug line if a LangChain4j release renames the field
     * ({@code LeanOnnxModelTest} reports it).
     */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.debugf("closing the ONNX session: %s", e.getMessage());
        }
        closeTokenizer(encoder);
    }

    /** @return whether the encoder's tokenizer was found and closed */
    static boolean closeTokenizer(OnnxBertBiEncoder encoder) {
        try {
            Field field = OnnxBertBiEncoder.class.getDeclaredField("tokenizer");
            field.setAccessible(true);
            if (field.get(encoder) instanceof AutoCloseable tokenizer) {
                tokenizer.close();
                return true;
            }
        } catch (Exception e) {
            LOG.debugf("the encoder's tokenizer could not be closed (%s); its native memory stays until exit", e);
        }
        return false;
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
