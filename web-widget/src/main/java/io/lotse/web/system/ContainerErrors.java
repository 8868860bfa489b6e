package io.lotse.web.system;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product's error JSON also for requests Tomcat refuses itself before any filter or servlet sees
 * them: an undecodable or forbidden path ({@code %2F}, {@code %00}, bad percent-encoding), a request
 * line or headers over {@code server.max-http-request-header-size}, all 400 {@code invalid_request}.
 * Tomcat reports those through the host's error report valve, which is replaced here by
 * {@link JsonErrorReportValve}.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors {

    @Bean
    TomcatContextCustomizer jsonErrorReports() {
        // Before the host starts, which is when it adds its error report valve of this class.
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        };
    }

    /** Tomcat's error report as {@code {code,message}}, never an HTML page, a stack trace or the server's version. */
    public static final class JsonErrorReportValve extends ErrorReportValve {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        public JsonErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            ApiError error = ApiError.forStatus(status);
            try {
                response.setContentType("application/json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(JSON.writeValueAsString(error));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response cannot take a body: the status alone must do.
            }
        }
    }
}
