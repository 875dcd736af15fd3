package com.memberplatform.query.web;

import com.memberplatform.api.contract.ErrorCode;
import com.memberplatform.api.contract.LookupKey;
import com.memberplatform.api.domain.MemberId;
import com.memberplatform.flowcontrol.callers.Caller;
import com.memberplatform.flowcontrol.callers.Permission;
import com.memberplatform.query.read.MemberReader;
import com.memberplatform.web.ApiException;
import com.memberplatform.web.CallerAuthentication;
import com.memberplatform.web.FlowControl;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lookup API. Mobiles and account values travel in bodies, never in URLs (they would land in access logs). Each
 * answer names the store that answered in {@code X-Member-Source}.
 */
@RestController
@RequestMapping(path = "/api/v1/members", produces = "application/json")
class MembersQueryController {

    static final String SOURCE_HEADER = "X-Member-Source";

    private final MemberReader reader;
    private final FlowControl flowControl;

    MembersQueryController(MemberReader reader, FlowControl flowControl) {
        this.reader = reader;
        this.flowControl = flowControl;
    }

    @GetMapping("/{memberId}")
    ResponseEntity<MemberAnswer> byId(@PathVariable String memberId, HttpServletRequest request) {
        Caller caller = CallerAuthentication.require(request, Permission.READ);
        return one(LookupKey.memberId(MemberId.parse(memberId).value()), caller);
    }

    @PostMapping(path = "/lookup", consumes = "application/json")
    ResponseEntity<MemberAnswer> lookup(@RequestBody QueryRequests.Lookup body, HttpServletRequest request) {
        Caller caller = CallerAuthentication.require(request, Permission.READ);
        return one(QueryRequests.lookupKey(body), caller);
    }

    @PostMapping(path = "/batch-get", consumes = "application/json")
    ResponseEntity<Map<String, Object>> batchGet(@RequestBody QueryRequests.BatchGet body, HttpServletRequest request) {
        Caller caller = CallerAuthentication.require(request, Permission.READ);
        List<Long> ids = QueryRequests.memberIds(body);
        ids.forEach(id -> flowControl.lookingUp(LookupKey.memberId(id)));
        List<MemberReader.Found> found = read(() -> reader.readAll(ids, caller.callerClass()));
        Set<Long> answered = new HashSet<>();
        found.forEach(f -> answered.add(Long.parseLong(f.view().memberId())));
        boolean fullMobile = caller.may(Permission.READ_FULL_MOBILE);
        return ResponseEntity.ok(Map.of(
                "members", found.stream().map(f -> MemberAnswer.of(f.view(), fullMobile)).toList(),
                "notFound", ids.stream().distinct().filter(id -> !answered.contains(id)).map(String::valueOf).toList()));
    }

    private ResponseEntity<MemberAnswer> one(LookupKey lookupKey, Caller caller) {
        flowControl.lookingUp(lookupKey);
        MemberReader.Found found = read(() -> reader.read(lookupKey, caller.callerClass()))
                .orElseThrow(() -> new ApiException(ErrorCode.MEMBER_NOT_FOUND, "no member has this " + lookupKey.kind().label()));
        return ResponseEntity.ok().header(SOURCE_HEADER, found.source().tag())
                .body(MemberAnswer.of(found.view(), caller.may(Permission.READ_FULL_MOBILE)));
    }

    private static <T> T read(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (MemberReader.StoresUnavailableException e) {
            throw new ApiException(ErrorCode.STORE_UNAVAILABLE, e.getMessage());
        }
    }
}
