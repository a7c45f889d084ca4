package dev.docserve.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/** A {@link RepoReport} as JSON with snake_case keys ({@code ndcg_at_10}, {@code p50_millis}); times in ms. */
public final class RepoReportJson {

    private final ObjectMapper mapper = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public String write(RepoReport report) {
        try {
            return mapper.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of records and numbers always serialises", e);
        }
    }

    public RepoReport read(String json) throws JsonProcessingException {
        return mapper.readValue(json, RepoReport.class);
    }
}
