package com.memberplatform.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a service's {@code /actuator/health} as plain text: the overall status and the status of each component. */
public final class HealthProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String body;
    private final int httpStatus;

    private HealthProbe(int httpStatus, String body) {
        this.httpStatus = httpStatus;
        this.body = body;
    }

    public static HealthProbe of(String baseUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new HealthProbe(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("no health answer from " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The status of the top-level component {@code name} ("UP", "DOWN"), or null when the service has no such one. */
    public String componentStatus(String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\":\\{\"status\":\"([A-Z_]+)\"").matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * The JSON object of the first component named {@code name} (top-level or nested, e.g. a consumer group inside
     * {@code consumers}), with its status, details and sub-components; null when there is none.
     */
    public String component(String name) {
        int start = body.indexOf("\"" + name + "\":{");
        if (start < 0) {
            return null;
        }
        int open = body.indexOf('{', start);
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                depth++;
            } else if (!quoted && c == '}' && --depth == 0) {
                return body.substring(open, i + 1);
            }
        }
        throw new IllegalStateException("health body ends inside component " + name + ": " + body);
    }

    public String overallStatus() {
        Matcher matcher = Pattern.compile("^\\{\"status\":\"([A-Z_]+)\"").matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    public String body() {
        return body;
    }
}
