package com.memberplatform.write.ids;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * 64-bit ids, unique across instances and increasing within one: 41 bits of milliseconds since 2024-01-01, 10 bits
 * of worker id (leased, see {@link WorkerLease}), 12 bits of slot. Each millisecond's slots start at a random point
 * and count up from it, so the low bits are uniform and {@code id mod shards} spreads members evenly over every shard
 * (a plain counter would crowd slot 0); when a millisecond's slots run out, or the clock steps back, the generator
 * goes on in the next millisecond after the last one it used, never below an id it issued.
 */
public final class IdGenerator {

    static final long EPOCH_MILLIS = 1_704_067_200_000L;
    private static final int SLOT_BITS = 12;
    private static final int WORKER_BITS = 10;
    private static final int SLOTS = 1 << SLOT_BITS;
    public static final int MAX_WORKERS = 1 << WORKER_BITS;

    private final Clock clock;
    private final java.util.function.IntSupplier worker;
    private long millis = -1;
    private int slot;
    private long last = -1;

    public IdGenerator(int worker, Clock clock) {
        this(() -> worker, clock);
        next();
    }

    /** The worker is asked for on every id, so a lapsed lease stops issuing at once. */
    public IdGenerator(java.util.function.IntSupplier worker, Clock clock) {
        this.worker = worker;
        this.clock = clock;
    }

    public synchronized long next() {
        int workerId = worker.getAsInt();
        if (workerId < 0 || workerId >= MAX_WORKERS) {
            throw new IllegalArgumentException("worker must be in [0, " + MAX_WORKERS + ")");
        }
        long now = clock.millis();
        if (now > millis) {
            newMillisecond(now);
        } else if (slot == SLOTS - 1) {
            newMillisecond(millis + 1); // this millisecond's slots are used up, or the clock stepped back
        } else {
            slot++;
        }
        long id = compose(workerId);
        if (id <= last) {
            newMillisecond(millis + 1); // a new worker id, lower than the last one, within the same millisecond
            id = compose(workerId);
        }
        last = id;
        return id;
    }

    private void newMillisecond(long at) {
        millis = at;
        slot = ThreadLocalRandom.current().nextInt(SLOTS);
    }

    private long compose(int workerId) {
        return ((millis - EPOCH_MILLIS) << (WORKER_BITS + SLOT_BITS)) | ((long) workerId << SLOT_BITS) | slot;
    }
}
