package com.memberplatform.stores.mysql;

import java.time.Instant;

/** One row of {@code member_binding_N}. */
public record BindingRow(long bindingId, long memberId, String platform, String accountType, String appId,
                         String accountValue, String unionid, Instant boundAt) {
}
