package dev.docserve.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A request body naming a field twice is refused as invalid JSON ("Duplicate field 'query'"): which of
 * the two values wins would be a guess, and for record bodies Jackson cannot even bind the second one
 * (it fails in a way Quarkus reports as a server error).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
