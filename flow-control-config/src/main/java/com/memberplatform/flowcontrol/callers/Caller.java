package com.memberplatform.flowcontrol.callers;

import java.util.Set;

/** A registered caller. The token itself is never kept, only its SHA-256. */
public record Caller(String callerId, CallerClass callerClass, Set<Permission> permissions, int qps) {

    public Caller {
        permissions = Set.copyOf(permissions);
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }
}
