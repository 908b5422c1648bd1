package com.speeddata.http.problem;

import com.speeddata.http.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's answers to requests that never reach a route: a request line, header or path it cannot parse (400, 414,
 * 431, 505, ...), sent as problem+json with the status's stable code instead of Jetty's HTML page. Jetty's reason
 * text is logged at debug and never sent: it names parser internals.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    public ProblemErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    /** A request Jetty refused while parsing it: no servlet, no request object, only the status and a reason. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        log.debug("refused a malformed request: {} {}", status, reason);
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status));
    }

    /** An error Jetty raised after parsing (an ambiguous or unsafe path, a failed dispatch). */
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        int status = response.getStatus();
        log.debug("refused a request: {} {}", status, request.getAttribute("jakarta.servlet.error.message"));
        byte[] body = body(status);
        response.setContentType(Problem.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static byte[] body(int status) {
        return Json.MAPPER
                .valueToTree(ProblemMapper.forStatus(status))
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }
}
