package com.memberplatform.stores.messaging;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The RocketMQ name server, host:port. */
@Validated
@ConfigurationProperties("member.stores.rocketmq")
public record RocketMqEndpoints(@NotBlank String nameServer) {
}
