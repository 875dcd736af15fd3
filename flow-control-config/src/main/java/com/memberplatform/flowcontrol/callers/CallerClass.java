package com.memberplatform.flowcontrol.callers;

/** The kind of caller, which decides its traffic class (marketing reads its own ES cluster) and default limits. */
public enum CallerClass {
    ORDER,
    MARKETING,
    BATCH,
    OPS
}
