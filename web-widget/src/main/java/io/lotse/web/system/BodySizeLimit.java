package io.lotse.web.system;

import io.lotse.web.LotseProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over {@code chatbot.http.max-body} with 413 {@code payload_too_large}: at
 * once when the {@code Content-Length} says so, before a byte of it is read; a body without a length
 * (chunked) is cut off as soon as it passes the limit, and the reading fails with
 * {@link PayloadTooLargeException}, which {@link ApiErrors} answers the same way.
 *
 * <p>It runs before everything else, the security filters included, so an oversized login form is not
 * parsed either.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    BodySizeLimit(LotseProperties properties) {
        this.maxBytes = properties.http().maxBody().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            // Tomcat reads (swallows) at most a little of what is left, then closes the connection.
            response.setHeader("Connection", "close");
            ApiError.write(response, 413, "payload_too_large", message());
            return;
        }
        boolean unknownLength = request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null;
        chain.doFilter(unknownLength ? new Limited(request, maxBytes, message()) : request, response);
    }

    private String message() {
        return "The request body may have at most " + maxBytes + " bytes.";
    }

    /** A request whose body stream fails once more than the limit has been read from it. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long maxBytes;
        private final String message;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long maxBytes, String message) {
            super(request);
            this.maxBytes = maxBytes;
            this.message = message;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), maxBytes, message);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long maxBytes;
        private final String message;
        private long read;

        LimitedStream(ServletInputStream in, long maxBytes, String message) {
            this.in = in;
            this.maxBytes = maxBytes;
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new PayloadTooLargeException(message);
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
    }
}
