package com.memberplatform.write.governance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the audit found: every abnormal relationship, by kind, with the members involved. */
public final class AuditReport {

    public enum Kind {
        /** One external account bound to two or more members. */
        ACCOUNT_ON_TWO_MEMBERS,
        /** One mobile number on two or more members. */
        MOBILE_ON_TWO_MEMBERS,
        /** One WeChat unionid carried by bindings of two or more members: the seeds' cross-binding. */
        UNIONID_ON_TWO_MEMBERS,
        /** A member whose WeChat accounts carry different unionids: an openid whose unionid disagrees with the member's. */
        UNIONID_DISAGREES_ON_MEMBER
    }

    /** One anomaly: its kind, the value involved (masked) and the member ids. */
    public record Finding(Kind kind, String maskedValue, Set<Long> memberIds) {
    }

    private final List<Finding> findings = new ArrayList<>();
    private long membersScanned;
    private long bindingsScanned;

    void add(Finding finding) {
        findings.add(finding);
    }

    void scanned(long members, long bindings) {
        membersScanned = members;
        bindingsScanned = bindings;
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public Map<Kind, Long> counts() {
        Map<Kind, Long> counts = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            counts.put(kind, findings.stream().filter(f -> f.kind() == kind).count());
        }
        return counts;
    }

    public String render() {
        StringBuilder text = new StringBuilder("Member audit: scanned " + membersScanned + " members and " + bindingsScanned
                + " bindings, " + findings.size() + " anomalies\n");
        counts().forEach((kind, count) -> {
            text.append(String.format("%-28s %d%n", kind, count));
            findings.stream().filter(f -> f.kind() == kind).forEach(f -> text.append("    ").append(f.maskedValue())
                    .append(" -> members ").append(f.memberIds()).append('\n'));
        });
        return text.toString();
    }
}
