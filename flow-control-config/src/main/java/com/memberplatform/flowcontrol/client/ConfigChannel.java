package com.memberplatform.flowcontrol.client;

/**
 * Where a configuration document lives in the config Redis: its current JSON under a key, and every change announced
 * with the same JSON on a channel of the same name.
 */
public record ConfigChannel(String document) {

    private static final String PREFIX = "member:config:";

    public ConfigChannel {
        if (document == null || !document.matches("[a-z][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("a config document name is lower-case letters, digits and '-'");
        }
    }

    public String key() {
        return PREFIX + document;
    }

    public String channel() {
        return PREFIX + document;
    }
}
