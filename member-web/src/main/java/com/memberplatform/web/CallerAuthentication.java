package com.memberplatform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.ErrorCode;
import com.memberplatform.flowcontrol.callers.Caller;
import com.memberplatform.flowcontrol.callers.CallerRegistry;
import com.memberplatform.flowcontrol.callers.Permission;
import com.memberplatform.flowcontrol.client.LiveDocument;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /api/} request names its caller ({@code X-Caller-Id}) and proves it ({@code Authorization: Bearer}).
 * An unknown caller or wrong token gets 401 before any work is done; an oversized body gets 400 unread.
 */
public final class CallerAuthentication extends OncePerRequestFilter {

    public static final String CALLER_ID_HEADER = "X-Caller-Id";
    private static final String ATTRIBUTE = Caller.class.getName();
    private static final long MAX_BODY_BYTES = 16 * 1024;

    private final LiveDocument<CallerRegistry> registry;
    private final ObjectMapper json;

    public CallerAuthentication(LiveDocument<CallerRegistry> registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            write(response, ErrorCode.PAYLOAD_TOO_LARGE, "the body may be at most " + MAX_BODY_BYTES + " bytes");
            return;
        }
        if (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null) {
            // A chunked body announces no length: read it up to the limit before anything parses it.
            byte[] body = request.getInputStream().readNBytes((int) MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                write(response, ErrorCode.PAYLOAD_TOO_LARGE, "the body may be at most " + MAX_BODY_BYTES + " bytes");
                return;
            }
            request = new BufferedBody(request, body);
        }
        String authorization = request.getHeader("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : null;
        Optional<Caller> caller = registry.current().authenticate(request.getHeader(CALLER_ID_HEADER), token);
        if (caller.isEmpty()) {
            write(response, ErrorCode.UNAUTHENTICATED, "send " + CALLER_ID_HEADER + " and Authorization: Bearer <token> of a registered caller");
            return;
        }
        request.setAttribute(ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    /** A request whose body was already read into memory (at most the limit). */
    private static final class BufferedBody extends jakarta.servlet.http.HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    /** The authenticated caller of this request, or null before authentication. */
    static Caller caller(HttpServletRequest request) {
        return (Caller) request.getAttribute(ATTRIBUTE);
    }

    /** The authenticated caller of this request, once it holds {@code permission}; else 403. */
    public static Caller require(HttpServletRequest request, Permission permission) {
        Caller caller = caller(request);
        if (caller == null) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "no authenticated caller");
        }
        if (!caller.may(permission)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "caller " + caller.callerId() + " may not " + permission);
        }
        return caller;
    }

    private void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(code, detail, null));
    }
}
