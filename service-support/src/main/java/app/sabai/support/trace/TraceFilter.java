package app.sabai.support.trace;

import app.sabai.contracts.envelope.CloudEventHeaders;
import app.sabai.contracts.envelope.TraceParent;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Joins the trace the gateway started for the request, so log lines and events carry its id. */
public class TraceFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TraceParent trace = TraceContext.continueFrom(request.getHeader(CloudEventHeaders.TRACEPARENT));
        response.setHeader(CloudEventHeaders.TRACEPARENT, trace.toString());
        try {
            chain.doFilter(request, response);
        } finally {
            TraceContext.clear();
        }
    }
}
