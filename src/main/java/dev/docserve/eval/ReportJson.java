package dev.docserve.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The report as JSON in snake_case like every JSON doc-serve writes ({@code ndcg_at_10}, {@code judged_queries}); times in milliseconds. */
public final class ReportJson {

    private final ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public String write(EvaluationReport report) {
        try {
            return mapper.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report of records and numbers always serialises", e);
        }
    }

    public EvaluationReport read(String json) throws JsonProcessingException {
        return mapper.readValue(json, EvaluationReport.class);
    }
}
