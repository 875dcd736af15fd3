package com.memberplatform.web;

import com.alibaba.csp.sentinel.Entry;
import com.alibaba.csp.sentinel.EntryType;
import com.alibaba.csp.sentinel.SphU;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.flow.FlowException;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRuleManager;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowItem;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRuleManager;
import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.contract.ErrorCode;
import com.memberplatform.flowcontrol.callers.Caller;
import com.memberplatform.flowcontrol.callers.CallerRegistry;
import com.memberplatform.flowcontrol.client.LiveDocument;
import com.memberplatform.flowcontrol.rules.FlowRules;
import com.memberplatform.flowcontrol.rules.SentinelSetup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three layers of flow control, on Sentinel, with rules from the live documents {@code flow-rules} and
 * {@code callers} (reloaded on every change): on resource {@code member-api}, a global cap per instance (limitApp
 * {@code default}) and one limit per caller (limitApp = caller id, the caller's {@code qps}; {@code other} for callers
 * without one); on resource {@code member-api:hot-key}, a limit per looked-up value with per-value exceptions.
 * Sentinel keeps the per-value counters in an LRU bounded per rule (4,000 values per second of window), so a billion
 * distinct ids cost no more memory than the hottest few thousand.
 */
public final class FlowControl {

    static {
        SentinelSetup.logsOutOfHome();
    }

    public static final String API = "member-api";
    public static final String HOT_KEY = "member-api:hot-key";
    private static final Logger log = LoggerFactory.getLogger(FlowControl.class);

    /** A request refused by a limit; the detail names the limit. */
    public static final class LimitedException extends ApiException {

        LimitedException(String detail) {
            super(ErrorCode.RATE_LIMITED, detail);
        }
    }

    private final LiveDocument<FlowRules> rules;
    private final LiveDocument<CallerRegistry> callers;
    private final MeterRegistry meters;

    public FlowControl(LiveDocument<FlowRules> rules, LiveDocument<CallerRegistry> callers, MeterRegistry meters) {
        this.rules = rules;
        this.callers = callers;
        this.meters = meters;
        load();
        rules.onChange(changed -> load());
        callers.onChange(changed -> load());
    }

    private synchronized void load() {
        FlowRules current = rules.current();
        List<FlowRule> flow = new ArrayList<>();
        flow.add(qps(RuleConstant.LIMIT_APP_DEFAULT, current.globalQps()));
        for (Caller caller : callers.current().all()) {
            flow.add(qps(caller.callerId(), caller.qps()));
        }
        flow.add(qps(RuleConstant.LIMIT_APP_OTHER, current.unknownCallerQps()));
        FlowRuleManager.loadRules(flow);
        List<ParamFlowItem> exceptions = current.hotKeyExceptions().stream()
                .map(hot -> new ParamFlowItem().setObject(hot.key()).setClassType(String.class.getName()).setCount(hot.qps())).toList();
        ParamFlowRuleManager.loadRules(List.of(new ParamFlowRule(HOT_KEY).setParamIdx(0).setGrade(RuleConstant.FLOW_GRADE_QPS)
                .setCount(current.hotKeyQps()).setParamFlowItemList(new ArrayList<>(exceptions))));
        log.info("flow rules in force: global {}/s, {} caller limits, hot keys {}/s with {} exceptions, enabled {}",
                current.globalQps(), flow.size() - 2, current.hotKeyQps(), exceptions.size(), current.enabled());
    }

    /** A QPS limit on {@link #API} for requests of one origin (a caller id, or Sentinel's default / other). */
    private static FlowRule qps(String limitApp, int count) {
        FlowRule rule = new FlowRule(API).setGrade(RuleConstant.FLOW_GRADE_QPS).setCount(count);
        rule.setLimitApp(limitApp);
        return rule;
    }

    public boolean enabled() {
        return rules.current().enabled();
    }

    /** Enters the API for a caller (global cap and the caller's limit); the caller of this exits the returned entry. */
    public Entry enter() throws LimitedException {
        try {
            return SphU.entry(API, EntryType.IN);
        } catch (BlockException e) {
            throw limited(e);
        }
    }

    /** Counts one look-up of a value against its limit. */
    public void lookingUp(LookupKey lookupKey) throws LimitedException {
        if (!enabled()) {
            return;
        }
        String hotKey = lookupKey.toString();
        Entry entry;
        try {
            entry = SphU.entry(HOT_KEY, EntryType.IN, 1, hotKey);
        } catch (BlockException e) {
            throw limited(e);
        }
        entry.exit(1, hotKey);
    }

    private LimitedException limited(BlockException e) {
        String tag = "hot_key";
        String limit = "hot key limit";
        if (e instanceof FlowException && e.getRule() instanceof FlowRule rule) {
            String count = " (" + (long) rule.getCount() + "/s)";
            if (RuleConstant.LIMIT_APP_DEFAULT.equals(rule.getLimitApp())) {
                tag = "global";
                limit = "global cap" + count;
            } else if (RuleConstant.LIMIT_APP_OTHER.equals(rule.getLimitApp())) {
                tag = "unknown_caller";
                limit = "limit of callers without their own" + count;
            } else {
                tag = "caller";
                limit = "caller limit" + count;
            }
        }
        Counter.builder("member.flow.limited").description("requests refused by a limit").tag("limit", tag).register(meters).increment();
        return new LimitedException("refused by the " + limit + "; retry after a second");
    }
}
