package dev.marquee.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The uploaded body on disk: copied whole up to the limit, refused past it, gone once closed. */
class SpooledBodyTest {

	@TempDir
	Path directory;

	@Test
	void aBodyOfExactlyTheLimitIsCopiedWholeAcrossSeveralChunks() throws IOException {
		byte[] bytes = bytes(200_000);

		try (SpooledBody body = SpooledBody.copy(new ByteArrayInputStream(bytes), bytes.length, this.directory)) {
			assertThat(body.path()).hasParent(this.directory);
			assertThat(Files.readAllBytes(body.path())).isEqualTo(bytes);
		}
	}

	@Test
	void closingDeletesTheFile() throws IOException {
		SpooledBody body = SpooledBody.copy(new ByteArrayInputStream(bytes(10)), 10, this.directory);

		body.close();

		assertThat(body.path()).doesNotExist();
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void aBodyOneByteOverTheLimitIsRefusedAndLeavesNoFile() {
		assertThatThrownBy(() -> SpooledBody.copy(new ByteArrayInputStream(bytes(200_001)), 200_000, this.directory))
			.isInstanceOf(SpooledBody.TooLargeException.class)
			.hasMessage("The file is larger than 200000 bytes.");

		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void aBodyThatFailsWhileReadingLeavesNoFile() {
		InputStream broken = new InputStream() {

			private int left = 100_000;

			@Override
			public int read() throws IOException {
				if (this.left-- <= 0) {
					throw new IOException("connection reset");
				}
				return 'x';
			}

		};

		assertThatThrownBy(() -> SpooledBody.copy(broken, 1_000_000, this.directory)).isInstanceOf(IOException.class)
			.hasMessage("connection reset");

		assertThat(this.directory).isEmptyDirectory();
	}

	private static byte[] bytes(int n) {
		byte[] bytes = new byte[n];
		Arrays.fill(bytes, (byte) 'a');
		return bytes;
	}

}
