package com.memberplatform.api.topology;

/** The two data centers. Center A holds the MySQL master and the primary ES cluster; B a replica and the backup. */
public enum DataCenter {
    A,
    B;

    public DataCenter other() {
        return this == A ? B : A;
    }
}
