package com.memberplatform.query.web;

import com.memberplatform.flowcontrol.callers.Caller;
import com.memberplatform.flowcontrol.callers.Permission;
import com.memberplatform.web.CallerAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/ping}: who the service takes the caller for, touching no store. Callers use it to check their
 * credentials; the query benchmark uses it as its baseline (the same filters and threads, no lookup).
 */
@RestController
class PingController {

    @GetMapping(path = "/api/v1/ping", produces = "application/json")
    Map<String, String> ping(HttpServletRequest request) {
        Caller caller = CallerAuthentication.require(request, Permission.READ);
        return Map.of("callerId", caller.callerId(), "class", caller.callerClass().name());
    }
}
