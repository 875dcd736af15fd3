package com.memberplatform.stores.mysql;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The MySQL servers: center A's master and one replica per center, each as host:port. */
@Validated
@ConfigurationProperties("member.stores.mysql")
public record MysqlEndpoints(@NotBlank String master, @NotBlank String replicaA, @NotBlank String replicaB,
                             @NotBlank String username, String password) {
}
