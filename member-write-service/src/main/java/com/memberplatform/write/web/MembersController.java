package com.memberplatform.write.web;

import com.memberplatform.flowcontrol.callers.Caller;
import com.memberplatform.flowcontrol.callers.Permission;
import com.memberplatform.web.CallerAuthentication;
import jakarta.servlet.http.HttpServletRequest;
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

    private final WriteOperations operations;
    private final IdempotentRequests idempotent;

    MembersController(WriteOperations operations, IdempotentRequests idempotent) {
        this.operations = operations;
        this.idempotent = idempotent;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<?> register(@RequestBody MemberRequests.Register body,
                               @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                               HttpServletRequest request) {
        Caller caller = CallerAuthentication.require(request, Permission.WRITE);
        if (idempotencyKey == null) {
            return operations.register(body);
        }
        return idempotent.run(caller.callerId(), idempotencyKey, body, () -> operations.register(body));
    }

    @PatchMapping(path = "/{memberId}", consumes = "application/json")
    ResponseEntity<MemberResponse> changeProfile(@PathVariable String memberId, @RequestBody MemberRequests.Profile body,
                                                 HttpServletRequest request) {
        CallerAuthentication.require(request, Permission.WRITE);
        return operations.changeProfile(memberId, body);
    }

    @PutMapping(path = "/{memberId}/mobile", consumes = "application/json")
    ResponseEntity<MemberResponse> changeMobile(@PathVariable String memberId, @RequestBody MemberRequests.MobileChange body,
                                                HttpServletRequest request) {
        CallerAuthentication.require(request, Permission.WRITE);
        return operations.changeMobile(memberId, body);
    }

    @PostMapping(path = "/{memberId}/bindings", consumes = "application/json")
    ResponseEntity<MemberResponse> bind(@PathVariable String memberId, @RequestBody MemberRequests.Account body,
                                        HttpServletRequest request) {
        CallerAuthentication.require(request, Permission.WRITE);
        return operations.bind(memberId, body);
    }

    @DeleteMapping(path = "/{memberId}/bindings/{bindingId}")
    ResponseEntity<MemberResponse> unbind(@PathVariable String memberId, @PathVariable String bindingId,
                                          HttpServletRequest request) {
        CallerAuthentication.require(request, Permission.WRITE);
        return operations.unbind(memberId, bindingId);
    }
}
