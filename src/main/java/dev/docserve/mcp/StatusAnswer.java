package dev.docserve.mcp;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.docserve.index.IndexStatus;
import dev.docserve.index.jobs.JobRecord;
import java.util.List;

/**
 * What the {@code status} tool reports.
 *
 * @param projectId   the project answered for
 * @param projectRoot its folder
 * @param sharedDaemon whether this server is the shared daemon (tool calls then name their project)
 * @param index       what is indexed: counts, folders, model, last indexed
 * @param activeJobs  index jobs queued or running
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatusAnswer(String projectId, String projectRoot, boolean sharedDaemon, IndexStatus index,
                           List<JobRecord> activeJobs) {
}
