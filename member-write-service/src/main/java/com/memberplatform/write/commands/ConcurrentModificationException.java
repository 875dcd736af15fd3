package com.memberplatform.write.commands;

/** The member's version moved between reading and writing it: the command must be run again on the new state. */
final class ConcurrentModificationException extends RuntimeException {

    ConcurrentModificationException(String message) {
        super(message);
    }
}
