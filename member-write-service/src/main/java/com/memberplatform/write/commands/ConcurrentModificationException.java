package com.memberplatform.write.commands;

/**
 * The member's version moved between reading and writing it, or its claims passed the commit deadline: nothing was
 * written, and the command must be run again on the new state.
 */
final class ConcurrentModificationException extends RuntimeException {

    ConcurrentModificationException(String message) {
        super(message);
    }
}
