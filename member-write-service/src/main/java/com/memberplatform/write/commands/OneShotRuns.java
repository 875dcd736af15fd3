package com.memberplatform.write.commands;

import com.memberplatform.stores.mysql.ShardedMysql;
import com.memberplatform.write.ids.WorkerLease;
import java.sql.SQLException;
import java.time.Duration;

/**
 * For the one-shot runs of the write service (the demo load, the ops commands): a service opens MySQL and takes its
 * id worker lease in the background, so such a run waits for both before its first write instead of failing it.
 */
public final class OneShotRuns {

    private static final Duration READY_WAIT = Duration.ofSeconds(60);

    private OneShotRuns() {
    }

    /** Returns once MySQL is open and a lease is held; throws when that takes longer than a minute. */
    public static void awaitWritable(ShardedMysql mysql, WorkerLease lease) throws SQLException {
        mysql.awaitReady(READY_WAIT);
        if (!lease.awaitLease(READY_WAIT)) {
            throw new IllegalStateException("no id worker lease within " + READY_WAIT);
        }
    }
}
