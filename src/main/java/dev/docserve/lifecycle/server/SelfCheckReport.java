package dev.docserve.lifecycle.server;

import java.util.List;

/**
 * One self-check's outcome.
 *
 * @param problems what is wrong and could not be repaired; readiness is DOWN while any remain
 * @param repairs what was wrong and has been put right (a rewritten file)
 */
public record SelfCheckReport(List<String> problems, List<String> repairs) {

    public SelfCheckReport {
        problems = List.copyOf(problems);
        repairs = List.copyOf(repairs);
    }

    public static SelfCheckReport notYetRun() {
        return new SelfCheckReport(List.of(), List.of());
    }

    public boolean healthy() {
        return problems.isEmpty();
    }
}
