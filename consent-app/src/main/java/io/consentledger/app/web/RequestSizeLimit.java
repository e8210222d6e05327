package io.consentledger.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code consent.api.max-body-size} with 413: at once when the declared length is too
 * large, and while reading when a chunked body grows too large. A bulk erasure and a check in bulk may name 10,000
 * contact ids of up to 128 characters, so their limit is {@link #BULK_ERASURE_MAX_BYTES} when that is larger; an
 * import's file is read row by row as it arrives, so its limit is {@code consent.imports.max-file-size}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

    static final String BULK_ERASURE_PATH = "/api/v1/retention/erasures";
    static final String BULK_CHECK_PATH = "/api/v1/consents/check";
    /** 10,000 ids of 128 characters, quoted and separated, and room for the rest of the body. */
    static final long BULK_ERASURE_MAX_BYTES = 10_000L * (128 + 3) + 1024;

    static final String IMPORTS_PATH = "/api/v1/imports";
    /** The back office's upload of an import file. */
    static final String IMPORTS_PAGE_PATH = "/imports";

    private final long configuredMaxBytes;
    private final long importMaxBytes;
    private final ProblemResponses problems;

    RequestSizeLimit(
            @Value("${consent.api.max-body-size:65536}") long maxBytes,
            @Value("${consent.imports.max-file-size:2GB}") DataSize importMaxSize,
            ProblemResponses problems) {
        this.configuredMaxBytes = maxBytes;
        this.importMaxBytes = importMaxSize.toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        long maxBytes = BULK_ERASURE_PATH.equals(path) || BULK_CHECK_PATH.equals(path)
                ? Math.max(configuredMaxBytes, BULK_ERASURE_MAX_BYTES)
                : IMPORTS_PATH.equals(path) || IMPORTS_PAGE_PATH.equals(path) ? importMaxBytes : configuredMaxBytes;
        if (request.getContentLengthLong() > maxBytes) {
            problems.write(
                    request,
                    response,
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    ProblemTypes.PAYLOAD_TOO_LARGE,
                    "The request body is larger than %d bytes.".formatted(maxBytes));
            return;
        }
        chain.doFilter(new LimitedRequest(request, maxBytes), response);
    }

    /** Thrown while reading a body that grew past the limit. */
    static class BodyTooLarge extends IOException {
        BodyTooLarge(long maxBytes) {
            super("The request body is larger than %d bytes.".formatted(maxBytes));
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long maxBytes;
        private long read;

        LimitedStream(ServletInputStream delegate, long maxBytes) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLarge(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
