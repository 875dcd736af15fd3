package com.memberplatform.flowcontrol.callers;

/** What a caller may do. */
public enum Permission {
    /** Look members up (mobile masked). */
    READ,
    /** See full mobile numbers in lookups. */
    READ_FULL_MOBILE,
    /** Register members, change profiles and mobiles, bind and unbind accounts. */
    WRITE,
    /** Operator actions: quarantine, audit. */
    OPERATE
}
