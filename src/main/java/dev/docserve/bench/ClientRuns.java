package dev.docserve.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Gathers the latencies of the load generator's client threads. */
final class ClientRuns {

    private ClientRuns() {
    }

    /**
     * @param lostPerFailedRun errors to count for a client thread that died (its requests are unknown)
     */
    static double[] collect(List<Future<double[]>> runs, AtomicInteger errors, int lostPerFailedRun)
            throws InterruptedException {
        List<Double> all = new ArrayList<>();
        for (Future<double[]> run : runs) {
            try {
                for (double m : run.get()) {
                    all.add(m);
                }
            } catch (ExecutionException e) {
                errors.addAndGet(lostPerFailedRun);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
