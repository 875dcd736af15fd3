package com.memberplatform.stores.search;

import com.memberplatform.api.topology.Store;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** HTTP address of each Elasticsearch cluster. */
@Validated
@ConfigurationProperties("member.stores.elasticsearch")
public record ElasticsearchEndpoints(@NotBlank String primary, @NotBlank String backup, @NotBlank String marketing) {

    public String of(Store cluster) {
        return switch (cluster) {
            case ES_PRIMARY -> primary;
            case ES_BACKUP -> backup;
            case ES_MARKETING -> marketing;
            default -> throw new IllegalArgumentException(cluster + " is not a search cluster");
        };
    }
}
