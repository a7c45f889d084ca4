package dev.docserve.index.watch;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * How current a project's index is, for {@code /health/status} and {@code doc-serve status}.
 *
 * @param state               watching, catching_up, degraded (some folder is rescanned instead of watched,
 *                            or is gone), or off
 * @param reason              why degraded or off, with what to do; null otherwise
 * @param pendingChanges      changes seen and not yet indexed (waiting for the quiet period, or in a run)
 * @param oldestPendingAgeMs  age of the oldest of them, or null when none
 * @param changedFiles        files known to differ from the index now: the distinct paths of the pending
 *                            changes, or what the last catch-up or rescan found, until a run indexes them
 * @param folders             each indexed folder and how it is followed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FreshnessStatus(String state, String reason, int pendingChanges, Long oldestPendingAgeMs,
                              int changedFiles, List<Folder> folders) {

    public static final String WATCHING = "watching";
    public static final String CATCHING_UP = "catching_up";
    public static final String DEGRADED = "degraded";
    public static final String OFF = "off";

    public static FreshnessStatus off(String reason) {
        return new FreshnessStatus(OFF, reason, 0, null, 0, List.of());
    }

    /**
     * @param folder             absolute folder
     * @param state              watching, catching_up, polling (rescanned every {@code rescan_interval}), gone
     * @param reason             why polling or gone, with the fix; null otherwise
     * @param watchedDirectories directories under watch (excluded and ignored ones never are)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Folder(String folder, String state, String reason, int watchedDirectories) {
    }
}
