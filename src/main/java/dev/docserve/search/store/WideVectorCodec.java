package dev.docserve.search.store;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Lucene's default codec with the vector dimension limit raised from 1024 to 4096, so OpenAI's
 * {@code text-embedding-3-large} (3072 dimensions) can be indexed.
 *
 * <p>The limit is checked only when writing. The wrapped format keeps the standard format's name, so
 * the files it writes are plain {@code Lucene99HnswVectorsFormat} files that any Lucene 9.12 reader —
 * including this one, with the default codec — opens without custom SPI registration.
 */
final class WideVectorCodec extends Lucene912Codec {

    static final int MAX_DIMENSIONS = 4096;

    private final KnnVectorsFormat vectors = new WideVectorsFormat();

    @Override
    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return vectors;
    }

    private static final class WideVectorsFormat extends KnnVectorsFormat {
        private final KnnVectorsFormat delegate = new Lucene99HnswVectorsFormat();

        WideVectorsFormat() {
            super("Lucene99HnswVectorsFormat");
        }

        @Override
        public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
            return delegate.fieldsWriter(state);
        }

        @Override
        public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
            return delegate.fieldsReader(state);
        }

        @Override
        public int getMaxDimensions(String fieldName) {
            return MAX_DIMENSIONS;
        }
    }
}
