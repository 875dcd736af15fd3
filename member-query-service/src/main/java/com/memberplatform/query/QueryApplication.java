package com.memberplatform.query;

import com.memberplatform.flowcontrol.client.ConfigRedisConfiguration;
import com.memberplatform.stores.mysql.ShardedMysqlConfiguration;
import com.memberplatform.stores.redis.RedisCentersConfiguration;
import com.memberplatform.stores.search.SearchClustersConfiguration;
import com.memberplatform.stores.startup.ServiceMain;
import com.memberplatform.web.MemberWebConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Member lookups for order flows and marketing (port 18081 locally). */
@SpringBootApplication
@Import({ConfigRedisConfiguration.class, ShardedMysqlConfiguration.class, RedisCentersConfiguration.class, SearchClustersConfiguration.class,
        MemberWebConfiguration.class})
public class QueryApplication {

    public static void main(String[] args) {
        ServiceMain.run(QueryApplication.class, args);
    }
}
