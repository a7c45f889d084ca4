package dev.docserve.eval;

import dev.docserve.index.embedding.Embedder;
import dev.docserve.index.embedding.QueryFirstGate;
import dev.langchain4j.model.TokenCountEstimator;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.BufferedInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An evaluation-only cache of document vectors, so that repeated runs (another analyzer, another
 * fusion) embed only the chunks whose embedded text changed.
 *
 * <p>The key is SHA-256 of the model name and the exact text given to {@link #embedDocuments}; a hit
 * returns the vector the model produced for that text before, so the cache never changes a score
 * as long as the model is deterministic for one input (the in-process models are: each text is
 * encoded on its own). Queries are never cached. One file per model,
 * {@code <dir>/<model>.vectors}, appended to as new texts are embedded: records of
 * {@code [32-byte key][int dimension][dimension floats]}; a torn last record (a killed run) is ignored.
 * Each record is appended with one write to a file opened for appending, so runs sharing the folder
 * cannot interleave inside a record (buffered streams did: two runs corrupted a cache that way); a
 * record with an impossible dimension ends the read, keeping the vectors before it.
 */
public final class CachingEmbedder implements Embedder, AutoCloseable {

    private final Embedder delegate;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    /** Vectors wider than this are corrupt records, not a model's output. */
    private static final int MAX_DIMENSION = 65_536;

    private final java.nio.channels.FileChannel out;
    private int hits;
    private int misses;

    private CachingEmbedder(Embedder delegate, java.nio.channels.FileChannel out) {
        this.delegate = delegate;
        this.out = out;
    }

    public static CachingEmbedder open(Embedder delegate, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(delegate.modelName().replaceAll("[^A-Za-z0-9._-]", "_") + ".vectors");
        Map<String, float[]> loaded = new java.util.HashMap<>();
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                byte[] key = new byte[32];
                while (true) {
                    try {
                        in.readFully(key);
                        int dimension = in.readInt();
                        if (dimension <= 0 || dimension > MAX_DIMENSION) {
                            break;
                        }
                        float[] vector = new float[dimension];
                        for (int i = 0; i < vector.length; i++) {
                            vector[i] = in.readFloat();
                        }
                        loaded.put(HexFormat.of().formatHex(key), vector);
                    } catch (EOFException end) {
                        break;
                    }
                }
            }
        }
        CachingEmbedder cache = new CachingEmbedder(delegate, java.nio.channels.FileChannel.open(file,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        cache.vectors.putAll(loaded);
        return cache;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        List<float[]> result = new ArrayList<>(texts.size());
        List<String> missing = new ArrayList<>();
        List<String> missingKeys = new ArrayList<>();
        for (String text : texts) {
            String key = key(text);
            float[] vector = vectors.get(key);
            result.add(vector);
            if (vector == null) {
                missing.add(text);
                missingKeys.add(key);
            }
        }
        synchronized (this) {
            hits += texts.size() - missing.size();
            misses += missing.size();
        }
        if (missing.isEmpty()) {
            return result;
        }
        List<float[]> embedded = delegate.embedDocuments(missing);
        int next = 0;
        for (int i = 0; i < result.size(); i++) {
            if (result.get(i) == null) {
                float[] vector = embedded.get(next);
                result.set(i, vector);
                remember(missingKeys.get(next), vector);
                next++;
            }
        }
        return result;
    }

    private synchronized void remember(String key, float[] vector) {
        if (vectors.putIfAbsent(key, vector) != null) {
            return;
        }
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(36 + 4 * vector.length);
            DataOutputStream record = new DataOutputStream(bytes);
            record.write(HexFormat.of().parseHex(key));
            record.writeInt(vector.length);
            for (float v : vector) {
                record.writeFloat(v);
            }
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedding cache", e);
        }
    }

    /** "hits/total" of document texts served from the cache so far. */
    public synchronized String hitRate() {
        return hits + "/" + (hits + misses);
    }

    private String key(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(delegate.modelName().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public int maxInputTokens() {
        return delegate.maxInputTokens();
    }

    @Override
    public TokenCountEstimator tokenCounter() {
        return delegate.tokenCounter();
    }

    @Override
    public float[] embedQuery(String text) {
        return delegate.embedQuery(text);
    }

    @Override
    public QueryFirstGate.Pass beginQuery() {
        return delegate.beginQuery();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
