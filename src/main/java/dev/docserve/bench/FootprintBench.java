package dev.docserve.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The memory a project server costs while it waits, which is most of its life: resident (RSS) and
 * proportional (PSS: shared pages such as the JDK's class-data archive and the mapped index files
 * divided among the processes that map them) set size of a fresh server idle before the model loads,
 * after it has indexed the benchmark's folder over HTTP (which loads the model), and after
 * {@code idle} more of doing nothing.
 */
final class FootprintBench {

    /** A server settles (index committed, heap collected) within a few seconds of its last work. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    record Memory(Double rssMib, Double pssMib) {
    }

    /**
     * @param beforeModel  ready, nothing asked of it yet (the model loads on first use)
     * @param afterIndex   a few seconds after an index run of {@code chunks} chunks ended
     * @param afterIdle    {@code idleMinutes} later, or null when the run skipped the wait
     */
    record Result(Memory beforeModel, Memory afterIndex, int chunks, Memory afterIdle, double idleMinutes) {
    }

    private FootprintBench() {
    }

    static Result run(ProcessBench processes, String folder, Duration idle, PrintStream log)
            throws IOException, InterruptedException {
        ProcessBench.Server server = processes.startServer();
        try {
            long pid = server.process().pid();
            Thread.sleep(SETTLE.toMillis());
            Memory before = measure(pid);
            log.printf("bench: footprint, indexing %s in a fresh server%n", folder);
            BenchHttp http = new BenchHttp(server.state().baseUrl());
            String job = http.post("/index", Map.of("folder_path", folder, "force", true)).path("job_id").asText();
            JsonNode done = awaitJob(http, job);
            int chunks = done.path("report").path("chunks_indexed").asInt(done.path("progress").path("chunks_done").asInt());
            Thread.sleep(SETTLE.toMillis());
            Memory afterIndex = measure(pid);
            Memory afterIdle = null;
            if (!idle.isZero()) {
                log.printf("bench: footprint, idle for %s%n", idle);
                Thread.sleep(idle.toMillis());
                afterIdle = measure(pid);
            }
            return new Result(before, afterIndex, chunks, afterIdle, idle.toSeconds() / 60.0);
        } finally {
            processes.stop(server);
        }
    }

    private static JsonNode awaitJob(BenchHttp http, String job) throws IOException, InterruptedException {
        while (true) {
            JsonNode record = http.get("/index/jobs/" + job);
            String status = record.path("status").asText();
            if (status.equals("done")) {
                return record;
            }
            if (status.equals("failed") || status.equals("cancelled")) {
                throw new IllegalStateException("the footprint's index job ended " + status + ": " + record);
            }
            Thread.sleep(500);
        }
    }

    static Memory measure(long pid) {
        return new Memory(ProcessBench.rssMib(pid).orElse(null), pssMib(pid).orElse(null));
    }

    /** PSS in MiB from {@code /proc/PID/smaps_rollup}; empty where there is none. */
    static Optional<Double> pssMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
