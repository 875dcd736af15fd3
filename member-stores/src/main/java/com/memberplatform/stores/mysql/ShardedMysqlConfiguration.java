package com.memberplatform.stores.mysql;

import com.memberplatform.api.topology.LocalCenter;
import com.memberplatform.stores.startup.StoreHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.ibatis.annotations.Mapper;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Sharded MySQL for a service: the ShardingSphere data source (opened in the background, see
 * {@link ShardedMysql#open}) and a health entry for it ({@code shards}) and for each MySQL server. Plain reads go to
 * the replica of the service's {@link LocalCenter} bean when it has one (the query service follows the live
 * {@code routing} document), otherwise of {@code member.topology.local-center}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MysqlEndpoints.class, TopologyProperties.class})
@MapperScan(basePackageClasses = MemberRecords.class, annotationClass = Mapper.class)
public class ShardedMysqlConfiguration {

    @Bean(destroyMethod = "close")
    ShardedMysql shardedMysql(TopologyProperties topology, MysqlEndpoints endpoints, ObjectProvider<LocalCenter> localCenter) {
        return ShardedMysql.open(topology.shardTopology(), endpoints,
                localCenter.getIfAvailable(() -> LocalCenter.fixed(topology.localCenter())), topology.databasePrefix());
    }

    @Bean
    @Primary
    DataSource memberDataSource(ShardedMysql mysql) {
        return mysql.dataSource();
    }

    @Bean
    ShardedMembers shardedMembers(MemberRecords records) {
        return new ShardedMembers(records);
    }

    @Bean
    HealthContributor mysql(MysqlEndpoints endpoints, ShardedMysql mysql) {
        Map<String, HealthIndicator> servers = new LinkedHashMap<>();
        servers.put("shards", mysql.health());
        servers.put("master", new MysqlServerHealth(endpoints.master(), false, endpoints));
        servers.put("replicaA", new MysqlServerHealth(endpoints.replicaA(), true, endpoints));
        servers.put("replicaB", new MysqlServerHealth(endpoints.replicaB(), true, endpoints));
        return StoreHealth.of(servers);
    }
}
