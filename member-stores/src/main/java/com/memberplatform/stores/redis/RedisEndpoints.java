package com.memberplatform.stores.redis;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The Redis of each center (caches and locks) and the config Redis (rules, switches), as redis:// URIs. */
@Validated
@ConfigurationProperties("member.stores.redis")
public record RedisEndpoints(@NotBlank String a, @NotBlank String b, @NotBlank String config) {
}
