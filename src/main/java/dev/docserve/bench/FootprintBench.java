package dev.docserve.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The memory a project server costs while it waits, which is most of its life: resident (RSS) and
 * proportional (PSS: shared pages such as the JDK's class-data archive and the mapped index files
 * divided among the processes that map them) set size of a fresh server idle before the model loads,
 * after it has indexed the benchmark's folder over HTTP (which loads the model), and after
 * {@code idle} more of doing nothing.
 *
 * <p>Several fresh servers, one after the other, each index the folder: what ONNX Runtime and the C
 * library keep after a run spreads by ±20 MiB from one process to the next, so one sample says little
 * about a target. The medians are reported with the spread; the idle wait follows the last server only.
 */
final class FootprintBench {

    /** A server settles (index committed, heap collected) within a few seconds of its last work. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    record Memory(Double rssMib, Double pssMib) {
    }

    /**
     * @param beforeModel    ready, nothing asked of it yet (the model loads on first use): medians over the servers
     * @param afterIndex     a few seconds after an index run of {@code chunks} chunks ended: medians over the servers
     * @param afterIdle      {@code idleMinutes} later (the last server), or null when the run skipped the wait
     * @param afterIndexRss  each server's RSS after its index run, in MiB, in the order measured (one per server)
     */
    record Result(Memory beforeModel, Memory afterIndex, int chunks, Memory afterIdle, double idleMinutes,
                  List<Double> afterIndexRss) {

        /** How many fresh servers were measured. */
        int servers() {
            return afterIndexRss.size();
        }
    }

    private FootprintBench() {
    }

    static Result run(ProcessBench processes, String folder, int servers, Duration idle, PrintStream log)
            throws IOException, InterruptedException {
        List<Memory> before = new ArrayList<>();
        List<Memory> afterIndex = new ArrayList<>();
        int chunks = 0;
        Memory afterIdle = null;
        for (int i = 1; i <= servers; i++) {
            ProcessBench.Server server = processes.startServer();
            try {
                long pid = server.process().pid();
                Thread.sleep(SETTLE.toMillis());
                before.add(measure(pid));
                log.printf("bench: footprint, indexing %s in fresh server %d of %d%n", folder, i, servers);
                BenchHttp http = new BenchHttp(server.state().baseUrl());
                String job = http.post("/index", Map.of("folder_path", folder, "force", true)).path("job_id").asText();
                JsonNode done = awaitJob(http, job);
                chunks = done.path("report").path("chunks_indexed").asInt(done.path("progress").path("chunks_done").asInt());
                Thread.sleep(SETTLE.toMillis());
                afterIndex.add(measure(pid));
                if (i == servers && !idle.isZero()) {
                    log.printf("bench: footprint, idle for %s%n", idle);
                    Thread.sleep(idle.toMillis());
                    afterIdle = measure(pid);
                }
            } finally {
                processes.stop(server);
            }
        }
        return new Result(median(before), median(afterIndex), chunks, afterIdle, idle.toSeconds() / 60.0,
                afterIndex.stream().map(Memory::rssMib).toList());
    }

    /** The median RSS and the median PSS (each of its own; an odd count gives measured values). */
    static Memory median(List<Memory> samples) {
        return new Memory(medianOf(samples.stream().map(Memory::rssMib).toList()),
                medianOf(samples.stream().map(Memory::pssMib).toList()));
    }

    private static Double medianOf(List<Double> values) {
        List<Double> known = values.stream().filter(Objects::nonNull).sorted().toList();
        if (known.isEmpty()) {
            return null;
        }
        int middle = known.size() / 2;
        return known.size() % 2 == 1 ? known.get(middle) : (known.get(middle - 1) + known.get(middle)) / 2;
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
