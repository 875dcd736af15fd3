package com.memberplatform.migration.legacy;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The legacy SqlServer as a JDBC URL. Production names a {@code jdbc:sqlserver://} URL (mssql-jdbc); the local stack
 * names its H2 stand-in in MSSQLServer mode, which accepts the T-SQL the migration issues but no procedural T-SQL.
 */
@Validated
@ConfigurationProperties("member.stores.legacy")
public record LegacyEndpoints(@NotBlank String url, @NotBlank String username, String password) {
}
