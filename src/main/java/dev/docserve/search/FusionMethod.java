package dev.docserve.search;

import dev.docserve.corpus.InvalidRequestException;

import dev.docserve.search.fusion.MinMaxFusion;
import dev.docserve.search.fusion.ReciprocalRankFusion;
import dev.docserve.search.fusion.ScoreFusion;
import java.util.Locale;

/** Which {@link ScoreFusion} a hybrid query uses. */
public enum FusionMethod {
    /** Min-max normalised scores, weighted by alpha (the default; SciFact 0.737 with bge-small). */
    MINMAX(new MinMaxFusion()),
    /** Reciprocal-rank fusion, k = 60, weighted by alpha (SciFact 0.740 with bge-small). */
    RRF(new ReciprocalRankFusion(ReciprocalRankFusion.DEFAULT_K));

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
            throw new InvalidRequestException("unknown fusion '" + name + "': use minmax or rrf", e);
        }
    }
}
