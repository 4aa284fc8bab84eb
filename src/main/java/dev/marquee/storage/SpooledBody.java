package dev.marquee.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An uploaded body copied to a temporary file in 64 KB chunks while its size is counted, so that the
 * imports (CSV registrations, programs) can read it twice (validate, then stage) whatever its size, and a body over the limit is refused
 * also without a {@code Content-Length}. Closing it deletes the file.
 */
public final class SpooledBody implements AutoCloseable {

	private static final int CHUNK = 64 * 1024;

	private final Path file;

	private SpooledBody(Path file) {
		this.file = file;
	}

	/**
	 * Copies {@code body} to a new temporary file; throws {@link TooLargeException} (and leaves no file) once
	 * more than {@code maxBytes} arrived.
	 */
	public static SpooledBody copy(InputStream body, long maxBytes) throws IOException {
		return copy(body, maxBytes, Path.of(System.getProperty("java.io.tmpdir")));
	}

	/** As {@link #copy(InputStream, long)}, into {@code directory}. */
	public static SpooledBody copy(InputStream body, long maxBytes, Path directory) throws IOException {
		Path file = Files.createTempFile(directory, "marquee-import-", ".upload");
		try (OutputStream out = Files.newOutputStream(file)) {
			byte[] buffer = new byte[CHUNK];
			long total = 0;
			for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
				total += n;
				if (total > maxBytes) {
					throw new TooLargeException(maxBytes);
				}
				out.write(buffer, 0, n);
			}
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(file);
			throw ex;
		}
		return new SpooledBody(file);
	}

	public Path path() {
		return this.file;
	}

	@Override
	public void close() throws IOException {
		Files.deleteIfExists(this.file);
	}

	public static final class TooLargeException extends RuntimeException {

		TooLargeException(long maxBytes) {
			super("The file is larger than " + maxBytes + " bytes.");
		}

	}

}
