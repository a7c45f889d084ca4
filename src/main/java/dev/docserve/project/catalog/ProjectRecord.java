package dev.docserve.project.catalog;

import dev.docserve.json.AtomicFiles;
import dev.docserve.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code projects/<project_id>/project.json} in the shared home: one registration of the shared
 * daemon. Its presence is what makes a project registered across restarts.
 */
public record ProjectRecord(int schemaVersion, String projectId, String projectRoot, Instant registeredAt) {

    public static final int SCHEMA_VERSION = 1;
    public static final String FILE_NAME = "project.json";

    public static ProjectRecord of(String projectId, Path root, Instant registeredAt) {
        return new ProjectRecord(SCHEMA_VERSION, projectId, root.toString(), registeredAt);
    }

    public Path root() {
        return Path.of(projectRoot);
    }

    public void write(Path storage) {
        AtomicFiles.writeJson(storage.resolve(FILE_NAME), this, true);
    }

    /**
     * @return the record, or empty when the folder holds none
     * @throws IOException when the file exists but is unreadable, corrupt or of an unknown schema
     */
    public static Optional<ProjectRecord> read(Path storage) throws IOException {
        Path file = storage.resolve(FILE_NAME);
        ProjectRecord record;
        try {
            record = Json.mapper().readValue(Files.readAllBytes(file), ProjectRecord.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (record == null || record.schemaVersion() != SCHEMA_VERSION || record.projectId() == null
                || record.projectRoot() == null) {
            throw new IOException(file + " is not a project record of schema_version " + SCHEMA_VERSION);
        }
        return Optional.of(record);
    }
}
