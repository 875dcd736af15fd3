package com.memberplatform.stores.mysql;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * SQL on the logic tables of the sharded schema; ShardingSphere routes each statement by the sharding column it
 * names (member_id, or the index key). Every statement here names it, except the outbox scan and the expiry of
 * idempotency records, background jobs' deliberate scatters, and the offline scans of the audit and rebuilds.
 * Index statements take the table from {@link LookupIndex}, never from input.
 */
@Mapper
public interface MemberRecords {

    String MEMBER_COLUMNS = "member_id, mobile, display_name, registered_platform, status, version, last_event_id, created_at, updated_at";
    String BINDING_COLUMNS = "binding_id, member_id, platform, account_type, app_id, account_value, unionid, bound_at";

    @Select("SELECT " + MEMBER_COLUMNS + " FROM member WHERE member_id = #{memberId}")
    MemberRow findMember(long memberId);

    @Select("SELECT " + BINDING_COLUMNS + " FROM member_binding WHERE member_id = #{memberId} ORDER BY binding_id")
    List<BindingRow> findBindings(long memberId);

    @Insert("INSERT INTO member (" + MEMBER_COLUMNS + ") VALUES (#{memberId}, #{mobile}, #{displayName}, "
            + "#{registeredPlatform}, #{status}, #{version}, #{lastEventId}, #{createdAt}, #{updatedAt})")
    int insertMember(MemberRow row);

    /** Compare-and-set on the version: 0 rows means somebody else changed the member first. */
    @Update("UPDATE member SET mobile = #{row.mobile}, display_name = #{row.displayName}, status = #{row.status}, "
            + "version = #{row.version}, last_event_id = #{row.lastEventId}, updated_at = #{row.updatedAt} WHERE member_id = #{row.memberId} AND version = #{expected}")
    int updateMember(@Param("row") MemberRow row, @Param("expected") long expectedVersion);

    @Insert("INSERT INTO member_binding (" + BINDING_COLUMNS + ") VALUES (#{bindingId}, #{memberId}, #{platform}, "
            + "#{accountType}, #{appId}, #{accountValue}, #{unionid}, #{boundAt})")
    int insertBinding(BindingRow row);

    @Delete("DELETE FROM member_binding WHERE member_id = #{memberId} AND binding_id = #{bindingId}")
    int deleteBinding(@Param("memberId") long memberId, @Param("bindingId") long bindingId);

    /** Claims a free value with the stamp {@code at}; the database notes when, by its own clock ({@code stamped_at}). */
    @Insert("INSERT IGNORE INTO ${index.table} (${index.column}, member_id, claimed_at, stamped_at) VALUES (#{key}, #{memberId}, #{at}, NOW(3))")
    int claim(@Param("index") LookupIndex index, @Param("key") String key, @Param("memberId") long memberId,
              @Param("at") Instant at);

    /** The holder of a value, the stamp of its claim, and the claim's age by this database's clock. */
    @Select("SELECT member_id, claimed_at, TIMESTAMPDIFF(MICROSECOND, stamped_at, NOW(3)) DIV 1000 AS age_millis "
            + "FROM ${index.table} WHERE ${index.column} = #{key}")
    IndexEntry owner(@Param("index") LookupIndex index, @Param("key") String key);

    /** Takes over the stale claim seen (that holder, that stamp) for {@code to}, with a new stamp. */
    @Update("UPDATE ${index.table} SET member_id = #{to}, claimed_at = #{at}, stamped_at = NOW(3) "
            + "WHERE ${index.column} = #{key} AND member_id = #{from} AND claimed_at = #{seen}")
    int takeOver(@Param("index") LookupIndex index, @Param("key") String key, @Param("from") long from,
                 @Param("seen") Instant seen, @Param("to") long to, @Param("at") Instant at);

    /** Renews the member's own claim, only as it was seen: its stamp moves forward, so a release of the old one misses it. */
    @Update("UPDATE ${index.table} SET claimed_at = #{at}, stamped_at = NOW(3) WHERE ${index.column} = #{key} AND member_id = #{memberId} "
            + "AND claimed_at = #{seen}")
    int restamp(@Param("index") LookupIndex index, @Param("key") String key, @Param("memberId") long memberId,
                @Param("seen") Instant seen, @Param("at") Instant at);

    /** Deletes one claim, by its holder and its stamp: a claim made again since (a new stamp) stays. */
    @Delete("DELETE FROM ${index.table} WHERE ${index.column} = #{key} AND member_id = #{memberId} AND claimed_at = #{at}")
    int release(@Param("index") LookupIndex index, @Param("key") String key, @Param("memberId") long memberId,
                @Param("at") Instant claimedAt);

    @Insert("INSERT INTO member_outbox (event_id, member_id, version, change_type, payload, created_at) "
            + "VALUES (#{eventId}, #{memberId}, #{version}, #{changeType}, #{payload}, #{createdAt})")
    int insertOutbox(OutboxRow row);

    /** The oldest waiting events of all shards, in member and version order (a background scatter). */
    @Select("SELECT event_id, member_id, version, change_type, payload, created_at FROM member_outbox "
            + "ORDER BY member_id, version LIMIT #{limit}")
    List<OutboxRow> pendingOutbox(int limit);

    @Delete("DELETE FROM member_outbox WHERE member_id = #{memberId} AND event_id = #{eventId}")
    int deleteOutbox(@Param("memberId") long memberId, @Param("eventId") long eventId);

    @Insert("INSERT INTO member_audit (audit_id, member_id, action, operator, reason, status_before, status_after, at) "
            + "VALUES (#{auditId}, #{memberId}, #{action}, #{operator}, #{reason}, #{before}, #{after}, #{at})")
    int insertAudit(@Param("auditId") long auditId, @Param("memberId") long memberId, @Param("action") String action,
                    @Param("operator") String operator, @Param("reason") String reason, @Param("before") String before,
                    @Param("after") String after, @Param("at") Instant at);

    /** Reserves a key, stamped by the database's clock. */
    @Insert("INSERT IGNORE INTO idempotency_record (idem_key, request_hash, created_at) VALUES (#{key}, #{hash}, NOW(3))")
    int beginIdempotent(@Param("key") String key, @Param("hash") String requestHash);

    /** A key's record and its age by the database's clock. */
    @Select("SELECT idem_key, request_hash, http_status, response, created_at, "
            + "TIMESTAMPDIFF(MICROSECOND, created_at, NOW(3)) DIV 1000 AS age_millis FROM idempotency_record WHERE idem_key = #{key}")
    IdempotencyRow idempotent(String key);

    @Update("UPDATE idempotency_record SET http_status = #{status}, response = #{response} WHERE idem_key = #{key}")
    int completeIdempotent(@Param("key") String key, @Param("status") int status, @Param("response") String response);

    /** Takes over a reservation nobody completed (its request died with its connection): only the reservation seen. */
    @Update("UPDATE idempotency_record SET request_hash = #{hash}, created_at = NOW(3) "
            + "WHERE idem_key = #{key} AND http_status IS NULL AND created_at = #{seen}")
    int takeOverIdempotent(@Param("key") String key, @Param("hash") String requestHash, @Param("seen") Instant seenCreatedAt);

    @Delete("DELETE FROM idempotency_record WHERE idem_key = #{key} AND http_status IS NULL")
    int abandonIdempotent(String key);

    /** Forgets every idempotency record made before {@code before} (a background scatter over every shard). */
    @Delete("DELETE FROM idempotency_record WHERE created_at < #{before}")
    int expireIdempotent(Instant before);

    /** A page of the members with ids in (after, upTo], in member id order (an offline scatter for the audit and rebuilds). */
    @Select("SELECT " + MEMBER_COLUMNS + " FROM member WHERE member_id > #{after} AND member_id <= #{upTo} "
            + "ORDER BY member_id LIMIT #{limit}")
    List<MemberRow> scanMembers(@Param("after") long afterMemberId, @Param("upTo") long upToMemberId, @Param("limit") int limit);

    /** The bindings of a page of members (routed to the shards of those members only). */
    @Select("<script>SELECT " + BINDING_COLUMNS + " FROM member_binding WHERE member_id IN "
            + "<foreach item='id' collection='memberIds' open='(' separator=',' close=')'>#{id}</foreach> "
            + "ORDER BY member_id, binding_id</script>")
    List<BindingRow> findBindingsOf(@Param("memberIds") List<Long> memberIds);

    /** A page of every binding, in (member id, binding id) order (an offline scatter for the audit). */
    @Select("SELECT " + BINDING_COLUMNS + " FROM member_binding WHERE member_id > #{member} OR (member_id = #{member} "
            + "AND binding_id > #{binding}) ORDER BY member_id, binding_id LIMIT #{limit}")
    List<BindingRow> scanBindings(@Param("member") long afterMemberId, @Param("binding") long afterBindingId,
                                  @Param("limit") int limit);
}
