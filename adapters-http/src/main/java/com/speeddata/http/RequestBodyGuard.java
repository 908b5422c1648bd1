package com.speeddata.http;

import com.speeddata.http.problem.BodyReadException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure to read a request body into a {@link BodyReadException}, whichever route reads it. Jetty
 * reports broken chunk framing and a connection closed mid-body as an {@code EofException}, which Javalin takes
 * for a vanished client and answers with an empty 500; a body under the minimum data rate comes as Jetty's
 * {@code BadMessageException}, and a stalled one as an I/O timeout. All are the client's doing: 400 or 408.
 */
public final class RequestBodyGuard implements Filter {
    private static final Logger log = LoggerFactory.getLogger(RequestBodyGuard.class);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request instanceof HttpServletRequest http ? new Guarded(http) : request, response);
    }

    private static final class Guarded extends HttpServletRequestWrapper {
        private GuardedStream stream;

        Guarded(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new GuardedStream(super.getInputStream());
            }
            return stream;
        }
    }

    private static final class GuardedStream extends ServletInputStream {
        private final ServletInputStream in;

        GuardedStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() {
            try {
                return in.read();
            } catch (IOException | BadMessageException e) {
                throw failed(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            try {
                return in.read(buffer, offset, length);
            } catch (IOException | BadMessageException e) {
                throw failed(e);
            }
        }

        @Override
        public int available() {
            try {
                return in.available();
            } catch (IOException | BadMessageException e) {
                throw failed(e);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    static BodyReadException failed(Exception failure) {
        boolean tooSlow = failure instanceof BadMessageException bad ? bad.getCode() == 408 : timedOut(failure);
        log.debug(
                "request body unreadable ({}): {}", tooSlow ? "too slow" : "malformed or cut off", failure.toString());
        return new BodyReadException(tooSlow, failure);
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
