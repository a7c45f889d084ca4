package dev.docserve.search;

import dev.docserve.corpus.InvalidRequestException;

import dev.docserve.search.fusion.DistributionFusion;
import dev.docserve.search.fusion.MinMaxFusion;
import dev.docserve.search.fusion.ReciprocalRankFusion;
import dev.docserve.search.fusion.ScoreFusion;
import java.util.Locale;

/** Which {@link ScoreFusion} a hybrid query uses. */
public enum FusionMethod {
    /**
     * Scores standardised against each list's top 50, weighted by alpha (the default: hybrid nDCG@10
     * repoqa-nrtsearch 0.632, SciFact 0.750 with bge-small; docs/evaluation.md).
     */
    DBSF(new DistributionFusion()),
    /** Min-max normalised scores, weighted by alpha (repoqa-nrtsearch 0.616, SciFact 0.739). */
    MINMAX(new MinMaxFusion()),
    /** Reciprocal-rank fusion, k = 60, weighted by alpha (SciFact 0.740 with bge-small). */
    RRF(new ReciprocalRankFusion(ReciprocalRankFusion.DEFAULT_K));

    /** What a hybrid query uses when it names no fusion. */
    public static final FusionMethod DEFAULT = DBSF;

    private final ScoreFusion fusion;

    FusionMethod(ScoreFusion fusion) {
        this.fusion = fusion;
    }

    public ScoreFusion fusion() {
        return fusion;
    }

    public static FusionMethod fromWireName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("unknown fusion '" + name + "': use dbsf, minmax or rrf", e);
        }
    }
}
