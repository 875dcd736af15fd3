package com.memberplatform.write.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.stores.mysql.MysqlEndpoints;
import com.memberplatform.stores.mysql.ShardedMembers;
import com.memberplatform.stores.mysql.SmallPools;
import com.memberplatform.write.ids.IdGenerator;
import com.memberplatform.write.ids.WorkerLease;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wiring of the write use cases. */
@Configuration(proxyBeanMethods = false)
public class WriteConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The unsharded {@code member_meta} database on center A's master (id worker and relay leases). */
    @Bean(destroyMethod = "close")
    @Qualifier("meta")
    HikariDataSource metaDataSource(MysqlEndpoints endpoints) {
        return SmallPools.of("meta", "jdbc:mariadb://" + endpoints.master() + "/member_meta", endpoints.username(),
                endpoints.password(), 4);
    }

    @Bean(destroyMethod = "close")
    WorkerLease workerLease(@Qualifier("meta") HikariDataSource meta) {
        return new WorkerLease(new JdbcTemplate(meta));
    }

    @Bean
    IdGenerator idGenerator(WorkerLease lease, Clock clock) {
        return new IdGenerator(lease::worker, clock);
    }

    @Bean
    Ticker ticker() {
        return Ticker.SYSTEM;
    }

    @Bean
    IndexClaims indexClaims(MemberRecords records, ShardedMembers members, Clock clock, Ticker ticker) {
        return new IndexClaims(records, members, clock, ticker);
    }

    @Bean
    MemberCommands memberCommands(ShardedMembers members, IndexClaims claims, MemberRecords records,
                                  TransactionTemplate transaction, IdGenerator ids, ObjectMapper json, Clock clock) {
        return new MemberCommands(members, claims, new MemberChanges(records, claims, transaction, ids, json, clock), ids, clock);
    }
}
