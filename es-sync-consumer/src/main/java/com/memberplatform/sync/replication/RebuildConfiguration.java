package com.memberplatform.sync.replication;

import com.memberplatform.stores.mysql.MemberRecords;
import com.memberplatform.stores.search.SearchClusters;
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

    @Bean
    RebuildCommand rebuildCommand(SearchRebuild rebuild, ConfigurableApplicationContext context) {
        return new RebuildCommand(rebuild, context);
    }
}
