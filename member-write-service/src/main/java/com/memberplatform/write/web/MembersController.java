package com.memberplatform.write.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.ErrorCode;
import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.domain.MemberId;
import com.memberplatform.flowcontrol.callers.Caller;
import com.memberplatform.flowcontrol.callers.Permission;
import com.memberplatform.web.ApiException;
import com.memberplatform.web.CallerAuthentication;
import com.memberplatform.web.FlowControl;
import com.memberplatform.write.mq.CommandMessage;
import com.memberplatform.write.mq.CommandMessage.Command;
import com.memberplatform.write.mq.ReplayQueue;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The write API: registration, profile and mobile changes, account binding and unbinding. Each takes an optional
 * {@code Idempotency-Key}; with one, a write that finds MySQL away is queued for replay ({@code 202}) instead of
 * refused ({@code 503}), and repeating the request with the same key gets its answer once it ran.
 */
@RestController
@RequestMapping(path = "/api/v1/members", produces = "application/json")
class MembersController {

    private static final String KEY = "Idempotency-Key";

    /** The answer to a write queued for replay. */
    record Queued(String status, String command, String idempotencyKey, String detail) {
    }

    private final GuardedWrites writes;
    private final ReplayQueue replays;
    private final FlowControl flowControl;
    private final ObjectMapper json;

    MembersController(GuardedWrites writes, ReplayQueue replays, FlowControl flowControl, ObjectMapper json) {
        this.writes = writes;
        this.replays = replays;
        this.flowControl = flowControl;
        this.json = json;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<?> register(@RequestBody MemberRequests.Register body, @RequestHeader(name = KEY, required = false) String key,
                               HttpServletRequest request) {
        return submit(request, key, Command.REGISTER, null, null, body);
    }

    @PatchMapping(path = "/{memberId}", consumes = "application/json")
    ResponseEntity<?> changeProfile(@PathVariable String memberId, @RequestBody MemberRequests.Profile body,
                                    @RequestHeader(name = KEY, required = false) String key, HttpServletRequest request) {
        return submit(request, key, Command.CHANGE_PROFILE, memberId, null, body);
    }

    @PutMapping(path = "/{memberId}/mobile", consumes = "application/json")
    ResponseEntity<?> changeMobile(@PathVariable String memberId, @RequestBody MemberRequests.MobileChange body,
                                   @RequestHeader(name = KEY, required = false) String key, HttpServletRequest request) {
        return submit(request, key, Command.CHANGE_MOBILE, memberId, null, body);
    }

    @PostMapping(path = "/{memberId}/bindings", consumes = "application/json")
    ResponseEntity<?> bind(@PathVariable String memberId, @RequestBody MemberRequests.Account body,
                           @RequestHeader(name = KEY, required = false) String key, HttpServletRequest request) {
        return submit(request, key, Command.BIND, memberId, null, body);
    }

    @DeleteMapping(path = "/{memberId}/bindings/{bindingId}")
    ResponseEntity<?> unbind(@PathVariable String memberId, @PathVariable String bindingId,
                             @RequestHeader(name = KEY, required = false) String key, HttpServletRequest request) {
        return submit(request, key, Command.UNBIND, memberId, bindingId, null);
    }

    private ResponseEntity<?> submit(HttpServletRequest request, String key, Command command, String memberId, String bindingId,
                                     Object body) {
        Caller caller = CallerAuthentication.require(request, Permission.WRITE);
        if (memberId != null) {
            flowControl.lookingUp(LookupKey.memberId(MemberId.parse(memberId).value()));
        }
        CommandMessage write = new CommandMessage(null, null, command, memberId, bindingId, body == null ? null : json.valueToTree(body));
        Optional<ResponseEntity<?>> answer = writes.run(caller.callerId(), key, write);
        if (answer.isPresent()) {
            return answer.get();
        }
        if (key == null) {
            throw new ApiException(ErrorCode.STORE_UNAVAILABLE, "MySQL is unavailable; a write sent with an Idempotency-Key "
                    + "is queued for replay instead");
        }
        replays.enqueue(write.sentAs(key, caller.callerId()));
        return ResponseEntity.accepted().header(HttpHeaders.RETRY_AFTER, "5").body(new Queued("QUEUED", command.name(), key,
                "MySQL is unavailable: the write is queued and runs once MySQL is back; repeat this request with the same "
                        + "Idempotency-Key for its answer"));
    }
}
