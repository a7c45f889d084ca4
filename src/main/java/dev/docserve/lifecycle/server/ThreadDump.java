package dev.docserve.lifecycle.server;

import java.util.Comparator;
import java.util.Map;

/**
 * Every thread's name, state and whole stack, as {@code jstack} prints them: what a start that never
 * became ready leaves in its log, so the next person can see where it waited instead of guessing.
 */
final class ThreadDump {

    private ThreadDump() {
    }

    static String ofAllThreads() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Thread, StackTraceElement[]> entry) -> entry.getKey().getName()))
                .forEach(entry -> {
                    Thread thread = entry.getKey();
                    out.append('"').append(thread.getName()).append('"').append(thread.isDaemon() ? " daemon" : "")
                            .append(' ').append(thread.getState()).append('\n');
                    for (StackTraceElement frame : entry.getValue()) {
                        out.append("    at ").append(frame).append('\n');
                    }
                    out.append('\n');
                });
        return out.toString();
    }
}
