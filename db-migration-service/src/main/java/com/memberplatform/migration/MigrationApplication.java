package com.memberplatform.migration;

import com.memberplatform.flowcontrol.client.ConfigRedisConfiguration;
import com.memberplatform.migration.legacy.LegacySourceConfiguration;
import com.memberplatform.stores.mysql.ShardedMysqlConfiguration;
import com.memberplatform.stores.startup.ServiceMain;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Moves members from the legacy SqlServer to sharded MySQL (port 18084 locally). */
@SpringBootApplication
@Import({ConfigRedisConfiguration.class, ShardedMysqlConfiguration.class, LegacySourceConfiguration.class})
public class MigrationApplication {

    public static void main(String[] args) {
        ServiceMain.run(MigrationApplication.class, args);
    }
}
