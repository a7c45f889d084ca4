package dev.docserve.index.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.corpus.IndexRequest;
import dev.docserve.json.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged job records found by the fault suite (a server that could not start because of one). */
class JobStoreTest {

    @TempDir
    Path jobs;

    @Test
    void shouldLoadTheWholeRecordsAndSetAsideEveryDamagedOne() throws IOException {
        JobRecord good = new JobRecord("job_0000000000ff", "index", JobStatus.DONE, JobRequest.of(IndexRequest.of(jobs)),
                Instant.parse("2026-11-27T07:00:00Z"), null, null, JobProgress.NONE, null, null, null);
        AtomicFiles.writeJson(jobs.resolve("job_0000000000ff.json"), good, false);
        String valid = Files.readString(jobs.resolve("job_0000000000ff.json"));
        Files.writeString(jobs.resolve("job_00000000000a.json"), valid.substring(0, valid.length() / 3));
        Files.writeString(jobs.resolve("job_00000000000b.json"), "{}");
        Files.writeString(jobs.resolve("job_00000000000c.json"), "{\"job_id\": \"job_00000000000c\", \"status\": \"running\"}");
        Files.writeString(jobs.resolve("job_00000000000d.json"), valid.replace("\"done\"", "\"exploded\""));
        Files.write(jobs.resolve("job_00000000000e.json"), new byte[0]);
        Files.writeString(jobs.resolve("job_00000000000f.json"), valid);

        assertThat(new JobStore(jobs).loadAll()).containsExactly(good);

        for (String damaged : new String[]{"a", "b", "c", "d", "e", "f"}) {
            assertThat(jobs.resolve("job_00000000000" + damaged + ".json")).doesNotExist();
            assertThat(jobs.resolve("job_00000000000" + damaged + ".json.unreadable")).exists();
        }
        assertThat(new JobStore(jobs).loadAll()).as("a second start sees only whole records").containsExactly(good);
    }
}
