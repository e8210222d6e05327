package io.consentledger.app.web;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report for what it refuses before any servlet (a malformed request line or header, an encoded slash,
 * a NUL or an invalid escape in the path): an RFC 9457 problem instead of Tomcat's HTML page. Errors that reach the
 * application have written their own body, which this valve leaves alone.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own report: only for errors whose body nobody has written, and only once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status >= 500 && status != 505
                ? "Something went wrong on our side. Try again later."
                : "The request is not well-formed HTTP, or its path holds characters the ledger refuses.";
        URI type = status == 400 ? ProblemTypes.MALFORMED_REQUEST : ProblemTypes.forStatus(status);
        String body = "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response already on its way: there is no one left to tell.
            log.debug("Could not write the problem for a refused request", e);
        }
    }
}
