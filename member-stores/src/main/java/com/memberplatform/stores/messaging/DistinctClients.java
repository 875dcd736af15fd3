package com.memberplatform.stores.messaging;

import java.util.List;
import org.apache.rocketmq.client.consumer.AllocateMessageQueueStrategy;
import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * Shares a group's queues among its distinct clients. The broker lists a client once per connection it registered,
 * and after a pause of the broker (a GC pause, a freeze, a network stall) it can hold several for one client: the
 * client gave up on each connection the broker did not answer and opened the next, and the broker registers them
 * all when it runs again, dropping the dead ones only after 120 s without a heartbeat. RocketMQ's own strategies count
 * every entry as a consumer, so each client takes the share of a larger group and the remaining queues go unread for
 * those two minutes (measured: 2 of 8 queues consumed after a 40 s freeze). Every instance of a group runs this
 * strategy, so all of them compute the same shares.
 */
final class DistinctClients implements AllocateMessageQueueStrategy {

    private final AllocateMessageQueueStrategy shares = new AllocateMessageQueueAveragely();

    @Override
    public List<MessageQueue> allocate(String group, String client, List<MessageQueue> queues, List<String> clients) {
        return shares.allocate(group, client, queues, clients.stream().distinct().sorted().toList());
    }

    @Override
    public String getName() {
        return "DISTINCT_CLIENTS_AVG";
    }
}
