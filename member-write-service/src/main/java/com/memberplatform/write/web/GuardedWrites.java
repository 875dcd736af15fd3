package com.memberplatform.write.web;

import com.memberplatform.api.topology.Store;
import com.memberplatform.stores.mysql.MysqlUnavailable;
import com.memberplatform.readmodel.StoreGuards;
import com.memberplatform.write.mq.CommandMessage;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Every write, from either transport, behind MySQL's circuit breaker (thresholds from the live {@code flow-rules}
 * document): no answer while MySQL is away or its breaker is open, so the caller takes its fallback (REST: the
 * replay queue; MQ: redelivery). Refusals of the request itself are answers, never counted against MySQL.
 */
@Component
public class GuardedWrites {

    private final WriteOperations operations;
    private final IdempotentRequests idempotent;
    private final StoreGuards guards;

    GuardedWrites(WriteOperations operations, IdempotentRequests idempotent, StoreGuards guards) {
        this.operations = operations;
        this.idempotent = idempotent;
        this.guards = guards;
    }

    /**
     * Runs the command, once per key within the scope when it has a key; empty when MySQL did not answer. A malformed
     * key is refused (400) before anything runs or is queued.
     */
    public Optional<ResponseEntity<?>> run(String scope, String key, CommandMessage command) {
        if (key != null) {
            IdempotentRequests.requireValidKey(key);
        }
        StoreGuards.Attempt<ResponseEntity<?>> done = guards.call(Store.MYSQL, () -> key == null ? operations.apply(command)
                : idempotent.run(scope, key, command.request(), () -> operations.apply(command)), MysqlUnavailable::is);
        return done.answered() ? Optional.of(done.value()) : Optional.empty();
    }
}
