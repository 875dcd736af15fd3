package com.memberplatform.flowcontrol.ops;

import com.memberplatform.flowcontrol.client.ConfigRedisConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The ops service: where rules and center switches are validated and published (port 18085 locally). */
@SpringBootApplication
@Import(ConfigRedisConfiguration.class)
public class OpsApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpsApplication.class, args);
    }
}
