package com.memberplatform.flowcontrol.rules;

import java.nio.file.Path;

/** What Sentinel needs before its first class loads: a log folder out of the service user's home. */
public final class SentinelSetup {

    private SentinelSetup() {
    }

    /** Call from a static initializer of every class that uses Sentinel. */
    public static void logsOutOfHome() {
        if (System.getProperty("csp.sentinel.log.dir") == null) {
            System.setProperty("csp.sentinel.log.dir", Path.of(System.getProperty("java.io.tmpdir"), "member-sentinel-logs").toString());
        }
    }
}
