package dev.docserve.memory;

import org.jboss.logging.Logger;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * Gives the heap a burst of work left behind back to the operating system, at the moments a server
 * knows it goes quiet: after the embedding model has loaded and after an index run.
 *
 * <p>Why explicitly: a project server is idle most of its life, and its collector (Serial by default,
 * see {@code ServerJvmOptions}) only shrinks the heap after a full collection, which an idle process
 * never runs on its own. One full collection of the ~30 MiB that stays live takes tens of milliseconds,
 * after work that took seconds. A user who picks another collector or {@code -XX:+DisableExplicitGC}
 * keeps that collector's own behaviour.
 */
public final class IdleMemory {

    private static final Logger LOG = Logger.getLogger(IdleMemory.class);

    private IdleMemory() {
    }

    /**
     * Collects and lets the heap shrink to its live size plus the configured free ratio, then asks the C
     * library to give back the native memory freed since (the JVM's {@code System.trim_native_heap}).
     */
    @SuppressWarnings("java:S1215") // deliberate: the one place doc-serve asks for a collection
    public static void settle(String after) {
        MemoryUsage before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long started = System.nanoTime();
        System.gc();
        MemoryUsage now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        String trimmed = trimNativeHeap();
        LOG.debugf("heap after %s: committed %d -> %d MiB, used %d -> %d MiB, in %d ms; native: %s", after,
                before.getCommitted() >> 20, now.getCommitted() >> 20, before.getUsed() >> 20, now.getUsed() >> 20,
                (System.nanoTime() - started) / 1_000_000, trimmed);
    }

    /**
     * ONNX Runtime allocates a batch's tensors with malloc; glibc keeps what they free in its arenas, so
     * after an index run ~150-400 MiB of freed native memory stayed resident (measured: 417 -> 232 MiB
     * RSS after a trim). {@code malloc_trim} returns it; Java reaches it through the JVM's diagnostic
     * command, present from 17.0.9 on. Elsewhere (older JVMs, other C libraries) it is skipped.
     */
    static String trimNativeHeap() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object result = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[]{new String[0]}, new String[]{String[].class.getName()});
            return String.valueOf(result).strip();
        } catch (JMException | RuntimeException e) {
            return "not trimmed (" + e.getClass().getSimpleName() + ")";
        }
    }
}
