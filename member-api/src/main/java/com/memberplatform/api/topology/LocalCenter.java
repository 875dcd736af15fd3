package com.memberplatform.api.topology;

/**
 * The data center whose replica and cache a service reads, asked at every read: a service that follows the live
 * {@code routing} document moves all its reads at once when ops switch centers (decision 0022); one that does not
 * is {@linkplain #fixed(DataCenter) fixed} by its start-up setting {@code member.topology.local-center}.
 */
@FunctionalInterface
public interface LocalCenter {

    DataCenter current();

    static LocalCenter fixed(DataCenter center) {
        java.util.Objects.requireNonNull(center, "center");
        return () -> center;
    }
}
