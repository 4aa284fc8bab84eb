package dev.marquee.storage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.nimbusds.jose.jwk.JWKSet;
import dev.marquee.MarqueeApplication;
import dev.marquee.account.JwtKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The data directory, its database file and the token key file hold personal data and the private
 * signing key: only the user running Marquee may read them (POSIX file systems).
 */
class PrivateDataFilesIT {

	@TempDir
	Path root;

	@Test
	void theDataDirectoryTheDatabaseFileAndTheKeyFileAreReadableOnlyByTheirOwner() throws IOException {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
		Path dataDir = this.root.resolve("data");
		Path keyFile = this.root.resolve("keys").resolve("jwt.json");

		try (ConfigurableApplicationContext app = start(dataDir, keyFile)) {
			assertThat(mode(dataDir)).isEqualTo("rwx------");
			assertThat(mode(dataDir.resolve("marquee.mv"))).isEqualTo("rw-------");
			assertThat(mode(keyFile.getParent())).isEqualTo("rwx------");
			assertThat(mode(keyFile)).isEqualTo("rw-------");
		}

		// files left readable by an older version, or by hand, are tightened at the next start
		Files.setPosixFilePermissions(dataDir.resolve("marquee.mv"), PosixFilePermissions.fromString("rw-r--r--"));
		Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-rw-r--"));
		try (ConfigurableApplicationContext app = start(dataDir, keyFile)) {
			assertThat(mode(dataDir.resolve("marquee.mv"))).isEqualTo("rw-------");
			assertThat(mode(keyFile)).isEqualTo("rw-------");
		}
	}

	@Test
	void anEmptyKeyFileLeftByAFirstStartThatStoppedBeforeWritingItGetsANewPrivateKey() throws Exception {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
		Path keyFile = this.root.resolve("keys").resolve("jwt.json");
		Files.createDirectories(keyFile.getParent());
		Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));

		try (ConfigurableApplicationContext app = start(this.root.resolve("data"), keyFile)) {
			JWKSet written = JWKSet.load(keyFile.toFile());
			assertThat(written.getKeys()).hasSize(1);
			assertThat(written.getKeys().get(0).isPrivate()).isTrue();
			assertThat(app.getBean(JwtKeys.class).signingKey().getKeyID()).isEqualTo(written.getKeys().get(0).getKeyID());
			assertThat(mode(keyFile)).isEqualTo("rw-------");
		}
	}

	private static ConfigurableApplicationContext start(Path dataDir, Path keyFile) {
		return new SpringApplicationBuilder(MarqueeApplication.class).run("--MONGODB_URI=", "--spring.mongodb.uri=",
				"--server.port=0", "--marquee.data-dir=" + dataDir, "--marquee.embedded.persistent=true",
				"--marquee.demo-data=never", "--marquee.security.jwt.key-file=" + keyFile);
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
