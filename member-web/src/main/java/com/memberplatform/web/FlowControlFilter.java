package com.memberplatform.web;

import com.alibaba.csp.sentinel.Entry;
import com.alibaba.csp.sentinel.context.ContextUtil;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.ErrorCode;
import com.memberplatform.flowcontrol.callers.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * After authentication, every {@code /api/} request passes the global cap and its caller's limit (Sentinel, with the
 * caller id as origin), or gets {@code 429 RATE_LIMITED} naming the limit, with {@code Retry-After: 1}.
 */
public final class FlowControlFilter extends OncePerRequestFilter {

    private static final String CONTEXT = "member-api-requests";

    private final FlowControl flowControl;
    private final ObjectMapper json;

    public FlowControlFilter(FlowControl flowControl, ObjectMapper json) {
        this.flowControl = flowControl;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/") || !flowControl.enabled();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = CallerAuthentication.caller(request);
        ContextUtil.enter(CONTEXT, caller == null ? "" : caller.callerId());
        try {
            Entry entry;
            try {
                entry = flowControl.enter();
            } catch (FlowControl.LimitedException e) {
                refuse(response, e.getMessage());
                return;
            }
            try {
                chain.doFilter(request, response);
            } finally {
                entry.exit();
            }
        } finally {
            ContextUtil.exit();
        }
    }

    private void refuse(HttpServletResponse response, String detail) throws IOException {
        response.setStatus(ErrorCode.RATE_LIMITED.httpStatus());
        response.setHeader("Retry-After", "1");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(ErrorCode.RATE_LIMITED, detail, null));
    }
}
