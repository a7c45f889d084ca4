package dev.docserve.index.loading;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The files a walk selected, sorted by path, and how many it skipped for each reason. */
public record WalkResult(List<CandidateFile> files, Map<SkipReason, Integer> skipped) {

    public WalkResult {
        files = List.copyOf(files);
        skipped = Map.copyOf(skipped.isEmpty() ? new EnumMap<>(SkipReason.class) : skipped);
    }

    public int skippedCount(SkipReason reason) {
        return skipped.getOrDefault(reason, 0);
    }
}
