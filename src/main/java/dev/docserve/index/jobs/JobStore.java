package dev.docserve.index.jobs;

import dev.docserve.json.AtomicFiles;
import dev.docserve.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Job records as one JSON file each in a folder, written atomically (temp file, fsync, rename), so a
 * crash leaves each record either old or new, never torn. The newest {@link #KEEP} records are kept.
 */
public final class JobStore implements JobLog {

    static final int KEEP = 100;
    private static final Logger LOG = Logger.getLogger(JobStore.class);

    private final Path folder;

    public JobStore(Path folder) {
        this.folder = folder;
    }

    @Override
    public void save(JobRecord job) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create job folder " + folder, e);
        }
        AtomicFiles.writeJson(folder.resolve(job.jobId() + ".json"), job, false);
    }

    /**
     * Every readable record, oldest first. A file that is not a whole record (torn by a disk that lied
     * about fsync, edited by hand, missing its id, status or creation time) is renamed to
     * {@code <name>.unreadable} and logged: one damaged record must never stop the server from starting,
     * which under a supervisor would be a crash loop.
     */
    @Override
    public List<JobRecord> loadAll() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<JobRecord> jobs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("job_[0-9a-f]+\\.json")).toList()) {
                String problem;
                try {
                    JobRecord job = Json.mapper().readValue(file.toFile(), JobRecord.class);
                    problem = missingField(job, file);
                    if (problem == null) {
                        jobs.add(job);
                        continue;
                    }
                } catch (IOException e) {
                    problem = e.getMessage();
                }
                setAside(file, problem);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list job records in " + folder, e);
        }
        jobs.sort(Comparator.comparing(JobRecord::createdAt).thenComparing(JobRecord::jobId));
        return jobs;
    }

    private static String missingField(JobRecord job, Path file) {
        if (job == null) {
            return "empty file";
        }
        if (!(job.jobId() + ".json").equals(file.getFileName().toString())) {
            return "job_id " + job.jobId() + " does not match the file name";
        }
        if (job.status() == null) {
            return "no status";
        }
        return job.createdAt() == null ? "no created_at" : null;
    }

    private static void setAside(Path file, String problem) {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
        try {
            Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            LOG.warnf("job record %s is damaged (%s); moved it to %s and carried on without it", file, problem, aside.getFileName());
        } catch (IOException e) {
            LOG.warnf("ignoring damaged job record %s (%s); it could not be moved aside: %s", file, problem, e.getMessage());
        }
    }

    /** Deletes the oldest finished records beyond {@link #KEEP}. */
    @Override
    public void prune(List<JobRecord> oldestFirst) {
        long excess = oldestFirst.size() - KEEP;
        for (JobRecord job : oldestFirst) {
            if (excess <= 0) {
                return;
            }
            if (job.status().isFinished()) {
                try {
                    Files.deleteIfExists(folder.resolve(job.jobId() + ".json"));
                    excess--;
                } catch (IOException e) {
                    LOG.warnf("cannot delete old job record %s: %s", job.jobId(), e.getMessage());
                }
            }
        }
    }
}
