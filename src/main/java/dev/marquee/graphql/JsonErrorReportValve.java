package dev.marquee.graphql;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * What Tomcat answers by itself, before the application sees the request (headers above
 * {@code server.max-http-request-header-size}, a request line it cannot parse): the GraphQL error shape in
 * JSON instead of Tomcat's HTML report with its server version. Installed as the host's error report valve.
 */
public class JsonErrorReportValve extends ErrorReportValve {

	/** Makes this the error report valve of the host the application runs in. */
	@Configuration(proxyBeanMethods = false)
	static class Installation {

		@Bean
		TomcatContextCustomizer jsonErrorReports() {
			return (context) -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
				}
			};
		}

	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int code = response.getStatus();
		if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus status = HttpStatus.resolve(code);
		if (status == null) {
			status = (code >= 500) ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
		}
		String message = (status == HttpStatus.BAD_REQUEST)
				? "The request could not be read: its request line or headers are malformed or too large "
						+ "(at most 8 KB of headers)."
				: TransportErrors.message(status);
		try {
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(TransportErrors.json(status, message));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response is committed: nothing more to say
		}
	}

}
