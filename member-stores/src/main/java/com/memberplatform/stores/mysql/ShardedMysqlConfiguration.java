package com.memberplatform.stores.mysql;

import java.sql.SQLException;
import org.apache.ibatis.annotations.Mapper;
import org.mybatis.spring.annotation.MapperScan;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sharded MySQL for a service: the ShardingSphere data source and a health entry per MySQL server. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MysqlEndpoints.class, TopologyProperties.class})
@MapperScan(basePackageClasses = MemberRecords.class, annotationClass = Mapper.class)
public class ShardedMysqlConfiguration {

    @Bean(destroyMethod = "close")
    ShardedMysql shardedMysql(TopologyProperties topology, MysqlEndpoints endpoints) throws SQLException {
        return ShardedMysql.connect(topology.shardTopology(), endpoints, topology.localCenter(), topology.databasePrefix());
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
    HealthContributor mysql(MysqlEndpoints endpoints) {
        Map<String, HealthIndicator> servers = new LinkedHashMap<>();
        servers.put("master", new MysqlServerHealth(endpoints.master(), false, endpoints));
        servers.put("replicaA", new MysqlServerHealth(endpoints.replicaA(), true, endpoints));
        servers.put("replicaB", new MysqlServerHealth(endpoints.replicaB(), true, endpoints));
        return CompositeHealthContributor.fromMap(servers);
    }
}
