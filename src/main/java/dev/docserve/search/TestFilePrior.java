package dev.docserve.search;

import dev.docserve.corpus.SourceType;
import dev.docserve.search.fusion.FusedCandidate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Ranks test files below the code they test, unless the query asks about tests.
 *
 * <p>A repository's tests call the API they test by name and describe it in their method names, so BM25
 * and the model alike find them for a question about that API; but an agent asking "where is the retry
 * policy configured?" wants the policy, not the test of it. Each chunk of a test file (by its path,
 * {@link SourceType#isTestPath}) has its score multiplied by {@link #weight}; a query that names tests
 * ("test", "spec", "junit", "fixture", ...) or filters on the {@code test} source type ranks them as they
 * come. The weight was measured on repoqa-nrtsearch (docs/evaluation.md).
 *
 * @param weight factor in (0, 1] applied to a test chunk's score; 1 turns the prior off
 */
public record TestFilePrior(double weight) {

    public static final double DEFAULT_WEIGHT = 0.5;
    private static final Pattern ASKS_FOR_TESTS = Pattern.compile(
            "\\b(tests?|tested|testing|unit[- ]?tests?|integration[- ]?tests?|specs?|junit|pytest|jest|fixtures?|mock(s|ed|ing)?)\\b",
            Pattern.CASE_INSENSITIVE);

    public TestFilePrior {
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("the test file weight must be in (0, 1], got " + weight);
        }
    }

    public static TestFilePrior defaults() {
        return new TestFilePrior(DEFAULT_WEIGHT);
    }

    /** Whether the prior changes the ranking of this request. */
    public boolean appliesTo(SearchRequest request) {
        return weight < 1 && !request.sourceTypes().contains(SourceType.TEST.wireName())
                && !ASKS_FOR_TESTS.matcher(request.query()).find();
    }

    /** The candidates with test chunks' scores weighted, in {@link FusedCandidate#RANKING} order. */
    public List<FusedCandidate> reweigh(List<FusedCandidate> candidates) {
        return candidates.stream()
                .map(c -> SourceType.isTestPath(c.path())
                        ? new FusedCandidate(c.chunkId(), c.score() * weight, c.vectorScore(), c.bm25Score(), c.path(), c.ordinal())
                        : c)
                .sorted(FusedCandidate.RANKING)
                .toList();
    }
}
