package dev.marquee.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files that are the user's own, the one implementation of them: the embedded store (personal data and,
 * unless a key file is configured, the private token signing key) and the token key file
 * ({@code account/JwtKeys}). On a POSIX file system the directory is created {@code 0700} and the file
 * {@code 0600} (before anything is written to it); a file found with a looser mode is tightened to
 * {@code 0600}, and a directory found readable by others is reported. Elsewhere (Windows) the files keep
 * what the file system gives them.
 */
public final class PrivateFiles {

	private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);

	public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

	public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private PrivateFiles() {
	}

	/** Creates the directory and the (empty) file when missing, private to this user; returns the file. */
	public static Path prepare(Path dataDir, String fileName) throws IOException {
		Path dir = dataDir.toAbsolutePath().normalize();
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		if (!posix) {
			Files.createDirectories(dir);
			return dir.resolve(fileName);
		}
		if (Files.isDirectory(dir)) {
			Set<PosixFilePermission> modes = Files.getPosixFilePermissions(dir);
			if (!DIRECTORY.containsAll(modes)) {
				log.warn("The directory {} is open to other users ({}); its files are kept private, "
						+ "but consider chmod 700", dir, PosixFilePermissions.toString(modes));
			}
		}
		else {
			Path parent = dir.getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.createDirectory(dir, attribute(DIRECTORY));
			// the umask may have masked the mode given at creation; 0700 is what was asked for
			Files.setPosixFilePermissions(dir, DIRECTORY);
		}
		Path file = dir.resolve(fileName);
		if (Files.exists(file)) {
			Set<PosixFilePermission> modes = Files.getPosixFilePermissions(file);
			if (!FILE.containsAll(modes)) {
				Files.setPosixFilePermissions(file, FILE);
				log.info("Tightened {} from {} to rw------- (it holds personal data or a signing key)",
						file, PosixFilePermissions.toString(modes));
			}
		}
		else {
			Files.createFile(file, attribute(FILE));
			Files.setPosixFilePermissions(file, FILE);
		}
		return file;
	}

	/** Syncs a directory's entries (a new file's name) to the disk, where the platform allows it. */
	public static void syncDirectory(Path dir) {
		try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException | RuntimeException ex) {
			// not possible on every platform (Windows); the file's own sync still holds its data
		}
	}

	private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
		return PosixFilePermissions.asFileAttribute(EnumSet.copyOf(permissions));
	}

}
