package com.memberplatform.stores.mysql;

import java.util.function.Supplier;
import org.apache.shardingsphere.infra.hint.HintManager;

/** Read-your-writes: runs a read on center A's master instead of the local replica. */
public final class OnMaster {

    private OnMaster() {
    }

    public static <T> T read(Supplier<T> read) {
        if (HintManager.isInstantiated()) {
            return read.get();
        }
        try (HintManager hint = HintManager.getInstance()) {
            hint.setWriteRouteOnly();
            return read.get();
        }
    }
}
