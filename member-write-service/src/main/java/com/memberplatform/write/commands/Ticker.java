package com.memberplatform.write.commands;

/** The monotonic clock a command measures its commit deadline by: {@link System#nanoTime()} in production. */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    long nanos();
}
