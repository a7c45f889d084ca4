package dev.docserve.index.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Life of an index job: pending → running → done | failed | cancelled (pending may go straight to cancelled). */
public enum JobStatus {
    PENDING,
    RUNNING,
    DONE,
    FAILED,
    CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static JobStatus fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public boolean isFinished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
