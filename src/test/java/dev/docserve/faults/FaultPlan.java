package dev.docserve.faults;

import java.util.Random;

/**
 * The seed and the number of rounds of one fault, from system properties so that a failure seen in CI
 * can be replayed exactly: {@code -Ddocserve.faults.seed=N} and {@code -Ddocserve.faults.<fault>.rounds=N}.
 * The seed is printed with every fault so the log says how to reproduce it.
 */
record FaultPlan(String fault, long seed, int rounds) {

    static final long DEFAULT_SEED = 20261127L;

    static FaultPlan of(String fault, int defaultRounds) {
        long seed = Long.getLong("docserve.faults.seed", DEFAULT_SEED);
        int rounds = Integer.getInteger("docserve.faults." + fault + ".rounds", defaultRounds);
        FaultPlan plan = new FaultPlan(fault, seed, rounds);
        System.out.printf("fault %s: seed %d, %d rounds (replay: -Ddocserve.faults.seed=%d -Ddocserve.faults.%s.rounds=%d)%n",
                fault, seed, rounds, seed, fault, rounds);
        return plan;
    }

    /** A fault with no random choice: run once, named in the log like the seeded ones. */
    static void once(String fault) {
        System.out.printf("fault %s: one deterministic run%n", fault);
    }

    /** One generator per fault, so adding rounds to one fault does not change another's choices. */
    Random random() {
        return new Random(seed ^ fault.hashCode());
    }
}
