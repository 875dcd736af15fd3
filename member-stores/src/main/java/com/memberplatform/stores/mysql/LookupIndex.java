package com.memberplatform.stores.mysql;

/** The two index tables that make a lookup by mobile or by account touch one shard, and guard uniqueness. */
public enum LookupIndex {
    MOBILE("mobile_index", "mobile"),
    ACCOUNT("account_index", "account_key");

    private final String table;
    private final String column;

    LookupIndex(String table, String column) {
        this.table = table;
        this.column = column;
    }

    public String table() {
        return table;
    }

    public String column() {
        return column;
    }
}
