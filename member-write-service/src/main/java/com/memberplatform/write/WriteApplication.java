package com.memberplatform.write;

import com.memberplatform.flowcontrol.client.ConfigRedisConfiguration;
import com.memberplatform.stores.messaging.RocketMqConfiguration;
import com.memberplatform.stores.mysql.ShardedMysqlConfiguration;
import com.memberplatform.stores.startup.ServiceMain;
import com.memberplatform.web.MemberWebConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Registrations and bindings under binding governance (port 18082 locally). */
@SpringBootApplication
@Import({ConfigRedisConfiguration.class, MemberWebConfiguration.class, ShardedMysqlConfiguration.class, RocketMqConfiguration.class})
public class WriteApplication {

    public static void main(String[] args) {
        ServiceMain.run(WriteApplication.class, args);
    }
}
