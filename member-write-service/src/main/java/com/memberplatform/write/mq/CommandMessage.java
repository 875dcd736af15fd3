package com.memberplatform.write.mq;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A write command from a business line on {@code member-commands}. {@code requestId} makes it idempotent;
 * {@code payload} is the same JSON the REST API takes for that command.
 *
 * <pre>{"requestId":"order-7781-bind","callerId":"batch-demo","command":"BIND","memberId":"382...","payload":{...}}</pre>
 */
public record CommandMessage(String requestId, String callerId, Command command, String memberId, String bindingId,
                             JsonNode payload) {

    public static final String TOPIC = "member-commands";
    public static final String DEAD_LETTER_TOPIC = "member-commands-dlq";

    /** The same command sent by this caller under this request id. */
    public CommandMessage sentAs(String requestId, String callerId) {
        return new CommandMessage(requestId, callerId, command, memberId, bindingId, payload);
    }

    /** What makes two commands the same request (what an idempotency key is checked against): all but the sender. */
    public CommandMessage request() {
        return sentAs(null, null);
    }

    public enum Command {
        REGISTER,
        CHANGE_PROFILE,
        CHANGE_MOBILE,
        BIND,
        UNBIND
    }
}
