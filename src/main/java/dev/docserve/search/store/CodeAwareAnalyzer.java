package dev.docserve.search.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * BM25 analysis for text that mixes prose and code: {@link EnglishAnalyzer}'s chain (standard
 * tokenizer, lower case, English stop words, Porter stemming) with Lucene's
 * {@link WordDelimiterGraphFilter} right after the tokenizer, which splits identifiers into their
 * words and also keeps the whole identifier:
 * <pre>
 * maxConcurrentIndexing    → maxconcurrentindex, max, concurr, index
 * max_concurrent_indexing  → max_concurrent_index, max, concurr, index
 * ChunkStore.commit        → chunkstore.commit, chunk, store, commit
 * docs/server_configuration.rst → doc, server_configuration.rst, server, configur, rst
 * HttpServer2              → httpserver2, http, server, 2
 * </pre>
 * so "max concurrent indexing" and "maxConcurrentIndexing" both match a chunk holding either
 * spelling. The standard tokenizer already splits at '/', '-' and spaces and keeps "a.b" and "a_b"
 * whole; the filter splits at case changes, letter/digit changes and every remaining non-alphanumeric
 * character. Prose words pass through unchanged, so English stemming is kept for them.
 *
 * <p>At index time the filter's token graph is flattened ({@link FlattenGraphFilter}), as the index
 * cannot store graphs; at query time the graph is kept so {@link org.apache.lucene.util.QueryBuilder}
 * can match either the whole identifier or its parts.
 */
public final class CodeAwareAnalyzer extends Analyzer {

    private static final int FLAGS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
            | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE
            | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;

    private final boolean forIndexing;

    private CodeAwareAnalyzer(boolean forIndexing) {
        this.forIndexing = forIndexing;
    }

    /** For the index writer: the token graph flattened. */
    public static CodeAwareAnalyzer forIndexing() {
        return new CodeAwareAnalyzer(true);
    }

    /** For query text: the token graph kept. */
    public static CodeAwareAnalyzer forQueries() {
        return new CodeAwareAnalyzer(false);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new WordDelimiterGraphFilter(source, true, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE,
                FLAGS, null);
        if (forIndexing) {
            stream = new FlattenGraphFilter(stream);
        }
        stream = new LowerCaseFilter(stream);
        stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }
}
