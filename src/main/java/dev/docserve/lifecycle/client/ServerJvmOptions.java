package dev.docserve.lifecycle.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM options of a {@code serve} process, wherever it is launched from: {@code doc-serve start}
 * ({@link ServerLauncher}), the launcher script {@code src/main/dist/doc-serve serve} (which spells the
 * same {@link #DEFAULTS}; {@code ServerJvmOptionsTest} keeps the two equal) and the benchmark.
 *
 * <p>Why these: a project server is idle most of its life, one per repository. The JVM's own defaults
 * size the heap for the machine (a quarter of RAM at most, 1/64 of it committed from the start) and
 * pick G1, whose bookkeeping alone was ~40 MiB here. The Serial collector costs almost nothing beside
 * its heap and returns memory after a full collection down to live size plus {@code MaxHeapFreeRatio}
 * (the server collects after loading the model and after each index run, see {@code IdleMemory}), in
 * one step rather than a fraction per collection ({@code -ShrinkHeapInSteps}); a small initial heap
 * lets it start small. No maximum heap is set: a large index run may need one.
 *
 * <p>C1 only ({@code -XX:TieredStopAtLevel=1}): a server's hot paths are native (ONNX Runtime embeds,
 * the tokenizer) or short (a Lucene query over one project), and C2 cost more than it bought. In one
 * bench run each (issue 17), C1 against tiered C2: hybrid p50 at one client 9.2 vs 10.5 ms, a
 * project's indexing 25.9 vs 22.9 chunks/s, RSS fresh 123 vs 151 MiB, after indexing 234 vs 283 MiB,
 * after the query runs 286 vs 343 MiB; at 32 concurrent clients the hybrid p50 was worse (171 vs 149
 * ms) and the p99 better (411 vs 480 ms). {@code DOC_SERVE_JAVA_OPTS=-XX:TieredStopAtLevel=4} gives a
 * server C2 back (the JVM takes the last value of an option).
 *
 * <p>{@code DOC_SERVE_JAVA_OPTS} comes after these, so its {@code -Xmx}, {@code -Xms} or ratios win;
 * when it selects a collector ({@code -XX:+UseG1GC} …), the default collector is left out, since the
 * JVM refuses two.
 */
public final class ServerJvmOptions {

    /** The environment variable whose options are added to every doc-serve JVM, the server's included. */
    public static final String ENVIRONMENT = "DOC_SERVE_JAVA_OPTS";
    static final String COLLECTOR = "-XX:+UseSerialGC";
    private static final List<String> COLLECTORS = List.of(COLLECTOR, "-XX:+UseParallelGC", "-XX:+UseG1GC", "-XX:+UseZGC",
            "-XX:+UseShenandoahGC", "-XX:+UseEpsilonGC");
    /** In the launcher script's spelling, space-separated. */
    public static final List<String> DEFAULTS = List.of(COLLECTOR, "-Xms16m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30", "-XX:-ShrinkHeapInSteps", "-XX:TieredStopAtLevel=1");

    private ServerJvmOptions() {
    }

    /** The options for a server JVM: the defaults, then the user's {@code DOC_SERVE_JAVA_OPTS}. */
    public static List<String> forServer(String userOptions) {
        List<String> user = userOptions == null || userOptions.isBlank() ? List.of()
                : Arrays.stream(userOptions.trim().split("\\s+")).toList();
        boolean ownCollector = user.stream().anyMatch(COLLECTORS::contains);
        List<String> options = new ArrayList<>();
        for (String option : DEFAULTS) {
            if (!(ownCollector && option.equals(COLLECTOR))) {
                options.add(option);
            }
        }
        options.addAll(user);
        return options;
    }

    /** {@link #forServer(String)} with this process's {@code DOC_SERVE_JAVA_OPTS}. */
    public static List<String> forServer() {
        return forServer(System.getenv(ENVIRONMENT));
    }
}
