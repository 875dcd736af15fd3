package com.memberplatform.write.web;

import com.memberplatform.api.contract.ErrorCode;
import com.memberplatform.api.domain.BindingId;
import com.memberplatform.api.domain.BindingRequest;
import com.memberplatform.api.domain.InvalidValueException;
import com.memberplatform.api.domain.Member;
import com.memberplatform.api.domain.MemberId;
import com.memberplatform.flowcontrol.callers.Caller;
import com.memberplatform.flowcontrol.callers.Permission;
import com.memberplatform.web.ApiException;
import com.memberplatform.web.CallerAuthentication;
import com.memberplatform.write.commands.CommandResult;
import com.memberplatform.write.commands.MemberCommands;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpStatus;
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

/** The write API: registration, profile and mobile changes, account binding and unbinding. */
@RestController
@RequestMapping(path = "/api/v1/members", produces = "application/json")
class MembersController {

    private final MemberCommands commands;
    private final IdempotentRequests idempotent;

    MembersController(MemberCommands commands, IdempotentRequests idempotent) {
        this.commands = commands;
        this.idempotent = idempotent;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<?> register(@RequestBody MemberRequests.Register body,
                               @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                               HttpServletRequest request) {
        Caller caller = CallerAuthentication.require(request, Permission.WRITE);
        if (body == null) {
            throw new InvalidValueException("body", "is required");
        }
        if (idempotencyKey == null) {
            return registered(body);
        }
        return idempotent.run(caller.callerId(), idempotencyKey, body, () -> registered(body));
    }

    private ResponseEntity<?> registered(MemberRequests.Register body) {
        Optional<BindingRequest> first = body.firstAccount() == null ? Optional.empty()
                : Optional.of(MemberRequests.binding(body.firstAccount(), "firstAccount"));
        Member member = outcome(commands.register(MemberRequests.mobile(body.mobile()), body.displayName(),
                MemberRequests.platform(body.platform()), first));
        return ResponseEntity.status(HttpStatus.CREATED).body(MemberResponse.of(member));
    }

    @PatchMapping(path = "/{memberId}", consumes = "application/json")
    MemberResponse changeProfile(@PathVariable String memberId, @RequestBody MemberRequests.Profile body,
                                 HttpServletRequest request) {
        CallerAuthentication.require(request, Permission.WRITE);
        if (body == null) {
            throw new InvalidValueException("body", "is required");
        }
        return MemberResponse.of(outcome(commands.changeProfile(MemberId.parse(memberId), body.displayName())));
    }

    @PutMapping(path = "/{memberId}/mobile", consumes = "application/json")
    MemberResponse changeMobile(@PathVariable String memberId, @RequestBody MemberRequests.MobileChange body,
                                HttpServletRequest request) {
        CallerAuthentication.require(request, Permission.WRITE);
        if (body == null) {
            throw new InvalidValueException("body", "is required");
        }
        return MemberResponse.of(outcome(commands.changeMobile(MemberId.parse(memberId), MemberRequests.mobile(body.mobile()))));
    }

    @PostMapping(path = "/{memberId}/bindings", consumes = "application/json")
    ResponseEntity<MemberResponse> bind(@PathVariable String memberId, @RequestBody MemberRequests.Account body,
                                        HttpServletRequest request) {
        CallerAuthentication.require(request, Permission.WRITE);
        MemberId id = MemberId.parse(memberId);
        CommandResult result = commands.bind(id, MemberRequests.binding(body, ""));
        Member member = outcome(result);
        return ResponseEntity.status(result.changed() ? HttpStatus.CREATED : HttpStatus.OK).body(MemberResponse.of(member));
    }

    @DeleteMapping(path = "/{memberId}/bindings/{bindingId}")
    MemberResponse unbind(@PathVariable String memberId, @PathVariable String bindingId, HttpServletRequest request) {
        CallerAuthentication.require(request, Permission.WRITE);
        long binding;
        try {
            binding = Long.parseLong(bindingId);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("bindingId", "must be a positive number");
        }
        return MemberResponse.of(outcome(commands.unbind(MemberId.parse(memberId), BindingId.of(binding))));
    }

    private static Member outcome(CommandResult result) {
        return result.member().orElseThrow(() -> {
            ErrorCode code = ErrorCode.of(result.rejection().orElseThrow());
            return new ApiException(code, code.title());
        });
    }
}
