package dev.docserve.search.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class CodeAwareAnalyzerTest {

    @Test
    void shouldSplitIdentifiersAndKeepThemWhole() throws IOException {
        assertThat(terms("maxConcurrentIndexing")).contains("maxconcurrentindex", "max", "concurr", "index");
        assertThat(terms("max_concurrent_indexing")).contains("max", "concurr", "index");
        assertThat(terms("ChunkStore.commit")).contains("chunkstore.commit", "chunk", "store", "commit");
        assertThat(terms("HttpServer2")).contains("httpserver2", "http", "server", "2");
        assertThat(terms("kebab-case-name")).contains("kebab", "case", "name");
        assertThat(terms("docs/server_configuration.rst")).contains("doc", "server", "configur", "rst");
    }

    @Test
    void shouldKeepEnglishProseAnalysis() throws IOException {
        assertThat(terms("The indexes are running")).containsExactly("index", "run");
    }

    private static List<String> terms(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (Analyzer analyzer = CodeAwareAnalyzer.forIndexing(); TokenStream stream = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        }
        return out;
    }
}
