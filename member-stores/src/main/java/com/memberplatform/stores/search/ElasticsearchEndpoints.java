package com.memberplatform.stores.search;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** HTTP address of each Elasticsearch cluster. */
@Validated
@ConfigurationProperties("member.stores.elasticsearch")
public record ElasticsearchEndpoints(@NotBlank String primary, @NotBlank String backup, @NotBlank String marketing) {

    public String of(SearchCluster cluster) {
        return switch (cluster) {
            case PRIMARY -> primary;
            case BACKUP -> backup;
            case MARKETING -> marketing;
        };
    }
}
