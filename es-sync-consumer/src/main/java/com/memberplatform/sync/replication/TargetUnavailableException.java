package com.memberplatform.sync.replication;

/** The target cannot be reached right now: retry until it is back, never dead-letter for this. */
public final class TargetUnavailableException extends Exception {

    public TargetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
