package dev.marquee.graphql;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a {@code POST /graphql} before anything else reads it (security included): the content type is
 * JSON (else 415), the body is at most {@code marquee.graphql.max-request-bytes} (else 413: a declared
 * {@code Content-Length} above it is refused unread, a chunked body is read no further than one byte past
 * it), and the body is a JSON object (else 400: {@code null}, a number, an array or a string is no GraphQL
 * request). Every refusal has the GraphQL error shape. The checked body is handed on from memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class GraphQlRequestFilter extends OncePerRequestFilter {

	private final int maxBytes;

	GraphQlRequestFilter(LimitsProperties limits) {
		this.maxBytes = (int) Math.min(limits.maxRequestBytes().toBytes(), Integer.MAX_VALUE - 16);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !"/graphql".equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!isJson(request.getContentType())) {
			response.setHeader("Accept", MediaType.APPLICATION_JSON_VALUE);
			TransportErrors.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send GraphQL requests as application/json.");
			return;
		}
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			tooLarge(response, "The request body is " + declared + " bytes; the limit is " + this.maxBytes + " bytes.");
			return;
		}
		byte[] body = request.getInputStream().readNBytes(this.maxBytes + 1);
		if (body.length > this.maxBytes) {
			tooLarge(response, "The request body is larger than the limit of " + this.maxBytes + " bytes.");
			return;
		}
		if (!startsAnObject(body)) {
			TransportErrors.write(response, HttpStatus.BAD_REQUEST, TransportErrors.message(HttpStatus.BAD_REQUEST));
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	private static void tooLarge(HttpServletResponse response, String message) throws IOException {
		// the rest of the body is not read: the connection cannot be reused
		response.setHeader("Connection", "close");
		TransportErrors.write(response, HttpStatus.PAYLOAD_TOO_LARGE, message);
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return MediaType.APPLICATION_JSON.isCompatibleWith(type)
					|| ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/** The first character after white space (and a UTF-8 byte order mark) opens a JSON object. */
	static boolean startsAnObject(byte[] body) {
		int i = (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF)
				? 3 : 0;
		while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
			i++;
		}
		return i < body.length && body[i] == '{';
	}

	/** The request with its body already read into memory. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new IllegalStateException("The body is already read.");
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
