package dev.docserve.search;

import dev.docserve.corpus.IndexRequest;
import dev.docserve.index.CancellationToken;
import dev.docserve.index.IndexProgressListener;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.embedding.Embedder;
import dev.docserve.search.store.ChunkStore;
import dev.docserve.search.store.LuceneChunkStore;
import dev.docserve.search.store.SearchView;
import dev.docserve.testing.TestEmbedders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hybrid queries run BM25 on another thread while the query is embedded: same answers, same failures. */
class ChunkSearcherTest {

    @TempDir
    Path project;
    @TempDir
    Path data;

    private final Embedder embedder = TestEmbedders.bgeSmall();
    private final ExecutorService keywordSide = Executors.newCachedThreadPool();
    private ChunkStore store;
    private ProjectIndex index;

    @BeforeEach
    void indexAProject() throws IOException {
        Path docs = Files.createDirectories(project.resolve("docs"));
        Files.writeString(docs.resolve("tea.md"), "# Tea\n\nBrew green tea at 80 degrees for two minutes.\n");
        Files.writeString(docs.resolve("coffee.md"), "# Coffee\n\nAn espresso needs finely ground beans and 9 bar.\n");
        Files.writeString(docs.resolve("retry.md"), "# Retries\n\nFailed uploads are retried with exponential backoff.\n");
        store = LuceneChunkStore.open(data.resolve("index"));
        index = ProjectIndex.over(project, store, embedder, Clock.systemUTC());
        index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());
    }

    @AfterEach
    void close() throws IOException {
        keywordSide.shutdown();
        index.close();
    }

    @Test
    void shouldAnswerAHybridQueryAlikeOnOneThreadAndOnTwo() throws IOException {
        ChunkSearcher oneThread = new ChunkSearcher(store, embedder, TestFilePrior.defaults(), Runnable::run);
        ChunkSearcher twoThreads = new ChunkSearcher(store, embedder, TestFilePrior.defaults(), keywordSide);

        for (String query : List.of("how do I brew green tea", "espresso beans", "retry failed uploads", "zzz")) {
            SearchRequest request = SearchRequest.of(query).withMode(SearchMode.HYBRID);
            assertThat(twoThreads.search(request).results()).as(query)
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("indexedAt")
                    .isEqualTo(oneThread.search(request).results());
        }
    }

    @Test
    void shouldReportAKeywordSideFailureAsTheIOExceptionItWas() {
        ChunkStore failing = storeWhoseKeywordSearchFails(store, new IOException("the index file is gone"));
        ChunkSearcher searcher = new ChunkSearcher(failing, embedder, TestFilePrior.defaults(), keywordSide);

        assertThatThrownBy(() -> searcher.search(SearchRequest.of("green tea").withMode(SearchMode.HYBRID)))
                .isInstanceOf(IOException.class).hasMessage("the index file is gone");
    }

    private static ChunkStore storeWhoseKeywordSearchFails(ChunkStore real, IOException failure) {
        return (ChunkStore) Proxy.newProxyInstance(ChunkStore.class.getClassLoader(), new Class<?>[] {ChunkStore.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!method.getName().equals("openView")) {
                        return result;
                    }
                    SearchView view = (SearchView) result;
                    return Proxy.newProxyInstance(SearchView.class.getClassLoader(), new Class<?>[] {SearchView.class},
                            (p, m, a) -> {
                                if (m.getName().equals("keywordMatches")) {
                                    throw failure;
                                }
                                return invoke(view, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
