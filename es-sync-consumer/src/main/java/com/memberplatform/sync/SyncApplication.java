package com.memberplatform.sync;

import com.memberplatform.flowcontrol.client.ConfigRedisConfiguration;
import com.memberplatform.stores.messaging.RocketMqConfiguration;
import com.memberplatform.stores.mysql.ShardedMysqlConfiguration;
import com.memberplatform.stores.redis.RedisCentersConfiguration;
import com.memberplatform.stores.search.SearchClustersConfiguration;
import com.memberplatform.stores.startup.ServiceMain;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Replicates change events to the ES clusters and both centers' caches (port 18083 locally). */
@SpringBootApplication
@Import({ConfigRedisConfiguration.class, ShardedMysqlConfiguration.class, RocketMqConfiguration.class, RedisCentersConfiguration.class, SearchClustersConfiguration.class})
public class SyncApplication {

    public static void main(String[] args) {
        ServiceMain.run(SyncApplication.class, args);
    }
}
