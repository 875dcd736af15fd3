package com.memberplatform.stores.mysql;

import com.memberplatform.api.topology.DataCenter;
import com.memberplatform.api.topology.LocalCenter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.shardingsphere.infra.algorithm.loadbalancer.core.LoadBalanceAlgorithm;

/**
 * ShardingSphere's choice of replica for a plain read (load balancer {@value #TYPE}): the replica of the center a
 * {@link LocalCenter} names at the moment of the read, so a live switch of centers moves the MySQL reads with the
 * cache reads. Each read group has one replica per center, named {@code read_<database>_<center>}; when ShardingSphere
 * offers no replica of that center, the first one it offers.
 *
 * <p>ShardingSphere creates the algorithm itself from its type and properties, so a {@link ShardedMysql} registers
 * its {@code LocalCenter} here under a key of its own (property {@value #KEY}) for as long as it is open.
 */
public final class LocalReplicaBalancer implements LoadBalanceAlgorithm {

    static final String TYPE = "MEMBER_LOCAL_REPLICA";
    static final String KEY = "local-center-key";
    private static final Map<String, LocalCenter> CENTERS = new ConcurrentHashMap<>();

    private LocalCenter center;

    /** Registers a center for the balancers of one data source; returns the key for their properties. */
    static String register(LocalCenter center) {
        String key = UUID.randomUUID().toString();
        CENTERS.put(key, Objects.requireNonNull(center, "center"));
        return key;
    }

    static void unregister(String key) {
        CENTERS.remove(key);
    }

    static String targetName(int database, DataCenter center) {
        return "read_" + database + "_" + center;
    }

    @Override
    public void init(Properties props) {
        String key = props.getProperty(KEY);
        center = key == null ? null : CENTERS.get(key);
        if (center == null) {
            throw new IllegalStateException("no local center is registered under " + KEY + "=" + key);
        }
    }

    @Override
    public String getTargetName(String groupName, List<String> availableTargetNames) {
        String suffix = "_" + center.current();
        for (String target : availableTargetNames) {
            if (target.endsWith(suffix)) {
                return target;
            }
        }
        return availableTargetNames.get(0);
    }

    @Override
    public String getType() {
        return TYPE;
    }
}
