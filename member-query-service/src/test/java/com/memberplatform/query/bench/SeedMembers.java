package com.memberplatform.query.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.topology.ShardTopology;
import com.memberplatform.stores.search.MemberDocuments;
import com.memberplatform.testsupport.Benchmarks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Seeds the local stack with N benchmark members (default 1,000,000) straight into their MySQL shards (member row and
 * mobile index row, multi-row INSERT IGNORE) and the primary ES cluster (view and mobile lookup document, bulk, external
 * version 1), the way the write service and the sync consumer would have left them. Ids are a fixed range
 * ({@link #FIRST_ID} + i) and mobiles {@code +8617xxxxxxxxx}, so a second run adds nothing.
 * <p>Run: {@code deploy/bench/query-bench.sh} seeds first when the members are missing.
 */
public final class SeedMembers {

    public static final long FIRST_ID = 8_000_000_000_000_000_000L;
    private static final int CHUNK = 2_000;

    public static long memberId(int i) {
        return FIRST_ID + i;
    }

    public static String mobile(int i) {
        return "+8617" + String.format("%09d", i);
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Properties stack = Benchmarks.stackProperties();
        String es = stack.getProperty("member.stores.elasticsearch.primary");
        if (seeded(es, count)) {
            System.out.printf("%,d benchmark members are already there%n", count);
            return;
        }
        ShardTopology topology = new ShardTopology(Integer.parseInt(stack.getProperty("member.topology.databases")),
                Integer.parseInt(stack.getProperty("member.topology.tables-per-database")));
        long started = System.nanoTime();
        Map<Integer, Connection> databases = new HashMap<>();
        try {
            for (int d = 0; d < topology.databases(); d++) {
                databases.put(d, DriverManager.getConnection("jdbc:mariadb://" + stack.getProperty("member.stores.mysql.master")
                        + "/member_db_" + d, stack.getProperty("member.stores.mysql.username"), stack.getProperty("member.stores.mysql.password")));
            }
            ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            HttpClient http = HttpClient.newHttpClient();
            for (int from = 0; from < count; from += CHUNK) {
                int to = Math.min(count, from + CHUNK);
                insertRows(databases, topology, from, to);
                index(http, es, json, from, to);
                if ((to / CHUNK) % 50 == 0 || to == count) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf("seeded %,d of %,d members (%.0f/s)%n", to, count, to / seconds);
                }
            }
        } finally {
            for (Connection connection : databases.values()) {
                connection.close();
            }
        }
    }

    /** Whether the last member of the range is already in ES (the seed writes ES after MySQL, chunk by chunk). */
    private static boolean seeded(String es, int count) throws IOException, InterruptedException {
        String id = Long.toString(memberId(count - 1));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(es + "/"
                + MemberDocuments.VIEW_ALIAS + "/_doc/" + id + "?routing=" + id)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200;
    }

    private static void insertRows(Map<Integer, Connection> databases, ShardTopology topology, int from, int to) throws SQLException {
        Map<String, List<String>> rows = new HashMap<>();
        for (int i = from; i < to; i++) {
            long id = memberId(i);
            ShardTopology.ShardAddress member = topology.ofMemberId(id);
            rows.computeIfAbsent(member.database() + "|" + member.table("member"), k -> new ArrayList<>())
                    .add("(" + id + ",'" + mobile(i) + "','Bench','TRAVEL_APP','ACTIVE',1,1,NOW(3),NOW(3))");
            ShardTopology.ShardAddress index = topology.ofKey(mobile(i));
            rows.computeIfAbsent(index.database() + "|" + index.table("mobile_index"), k -> new ArrayList<>())
                    .add("('" + mobile(i) + "'," + id + ",NOW(3))");
        }
        for (Map.Entry<String, List<String>> table : rows.entrySet()) {
            String[] at = table.getKey().split("\\|");
            String columns = at[1].startsWith("member_")
                    ? "(member_id, mobile, display_name, registered_platform, status, version, last_event_id, created_at, updated_at)"
                    : "(mobile, member_id, claimed_at)";
            try (Statement insert = databases.get(Integer.parseInt(at[0])).createStatement()) {
                insert.executeUpdate("INSERT IGNORE INTO " + at[1] + " " + columns + " VALUES " + String.join(",", table.getValue()));
            }
        }
    }

    private static void index(HttpClient http, String es, ObjectMapper json, int from, int to) throws IOException, InterruptedException {
        StringBuilder bulk = new StringBuilder();
        Instant now = Instant.now();
        for (int i = from; i < to; i++) {
            String id = Long.toString(memberId(i));
            String mobileKey = LookupKey.mobile(mobile(i)).toString();
            MemberDocuments.View view = new MemberDocuments.View(id, mobile(i), "ACTIVE", "TRAVEL_APP", "Bench", 1, now, List.of(), List.of());
            bulk.append("{\"index\":{\"_index\":\"").append(MemberDocuments.VIEW_ALIAS).append("\",\"_id\":\"").append(id)
                    .append("\",\"routing\":\"").append(id).append("\",\"version\":1,\"version_type\":\"external\"}}\n")
                    .append(json.writeValueAsString(view)).append('\n');
            bulk.append("{\"index\":{\"_index\":\"").append(MemberDocuments.LOOKUP_ALIAS).append("\",\"_id\":\"").append(mobileKey)
                    .append("\",\"routing\":\"").append(mobileKey).append("\",\"version\":1,\"version_type\":\"external\"}}\n")
                    .append(json.writeValueAsString(new MemberDocuments.Lookup(mobileKey, "MOBILE", id, 1))).append('\n');
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(es + "/_bulk?require_alias=true"))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(bulk.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        // A version conflict (409) means the document is already there: any other error stops the seed.
        boolean refused = response.body().contains("\"errors\":true")
                && response.body().replace("\"status\":409", "").matches("(?s).*\"status\":[45]\\d\\d.*");
        if (response.statusCode() != 200 || refused) {
            throw new IllegalStateException("ES refused the bulk: " + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }
}
