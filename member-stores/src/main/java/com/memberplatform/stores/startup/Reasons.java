package com.memberplatform.stores.startup;

/**
 * Why a store call failed, in one short line for health entries and logs: the innermost cause's type and message
 * (the outer layers of a driver's exception only repeat it). Store clients' messages name servers and timeouts,
 * never member data.
 */
public final class Reasons {

    private static final int MAX_LENGTH = 240;

    private Reasons() {
    }

    public static String of(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().strip().replaceAll("\\s+", " ");
        String line = root.getClass().getSimpleName() + message;
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "..." : line;
    }
}
