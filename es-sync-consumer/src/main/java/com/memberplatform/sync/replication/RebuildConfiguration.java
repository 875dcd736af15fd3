package com.memberplatform.sync.replication;

import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.stores.mysql.ShardedMysql;
import com.memberplatform.stores.search.SearchClusters;
import java.sql.SQLException;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rebuild command ({@code member.ops.command=rebuild}); run it with {@code member.sync.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "member.ops.command", havingValue = "rebuild")
public class RebuildConfiguration {

    @Bean
    SearchRebuild searchRebuild(MemberRecords records, SearchClusters clusters) {
        return new SearchRebuild(records, clusters);
    }

    /** Waits for MySQL first (the service opens it in the background): a one-shot run has nothing to do without it. */
    @Bean
    RebuildCommand rebuildCommand(SearchRebuild rebuild, ShardedMysql mysql, ConfigurableApplicationContext context)
            throws SQLException {
        mysql.awaitReady(Duration.ofSeconds(60));
        return new RebuildCommand(rebuild, context);
    }
}
