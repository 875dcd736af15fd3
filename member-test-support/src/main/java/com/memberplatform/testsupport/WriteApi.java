package com.memberplatform.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;

/** A small client of the platform's REST APIs for tests: requests as a named demo caller, answers as status + JSON. */
public final class WriteApi {

    public record Answer(int status, String contentType, JsonNode body, java.net.http.HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String code() {
            return body.path("code").asText(null);
        }

        public String memberId() {
            return body.path("memberId").asText();
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String callerId;
    private final String token;

    public WriteApi(int port, String callerId, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.callerId = callerId;
        this.token = token;
    }

    public static WriteApi asOrderCaller(int port) {
        return new WriteApi(port, "order-demo", "order-demo-token");
    }

    public WriteApi as(String otherCaller, String otherToken) {
        return new WriteApi(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherCaller, otherToken);
    }

    public Answer get(String path) {
        return send("GET", path, null, null);
    }

    public Answer post(String path, String json) {
        return send("POST", path, json, null);
    }

    public Answer post(String path, String json, String idempotencyKey) {
        return send("POST", path, json, idempotencyKey);
    }

    public Answer put(String path, String json) {
        return send("PUT", path, json, null);
    }

    public Answer patch(String path, String json) {
        return send("PATCH", path, json, null);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Answer send(String method, String path, String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (callerId != null) {
            request.header("X-Caller-Id", callerId);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body, response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A mobile nobody has used yet in this run. */
    public static String freshMobile() {
        return "+86139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A WeChat id nobody has used yet in this run. */
    public static String freshWeChatId(String prefix) {
        return prefix + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    }

    public static String registration(String mobile) {
        return "{\"mobile\":\"" + mobile + "\",\"platform\":\"TRAVEL_APP\",\"displayName\":\"Test\"}";
    }

    public static String openid(String app, String openid, String unionid) {
        return "{\"platform\":\"WECHAT\",\"accountType\":\"WECHAT_OPENID\",\"appId\":\"" + app + "\",\"value\":\"" + openid
                + "\"" + (unionid == null ? "" : ",\"unionid\":\"" + unionid + "\"") + "}";
    }
}
