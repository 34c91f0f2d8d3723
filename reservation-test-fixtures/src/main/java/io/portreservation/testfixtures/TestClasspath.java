package io.portreservation.testfixtures;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The test JVM's classpath for a child JVM: Surefire's manifest-only jar expanded, and
 * for a child of another user a world-readable copy (the build's own directories need not
 * be readable by that user).
 */
final class TestClasspath {

	/** World-readable copies already made, by the classpath they copy. */
	private static final Map<String, String> copies = new HashMap<>();

	private TestClasspath() {
	}

	static List<Path> entries() {
		List<Path> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path path = Path.of(entry);
			if (path.getFileName().toString().startsWith("surefirebooter")) {
				try (JarFile jar = new JarFile(path.toFile())) {
					String manifestPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
					for (String url : manifestPath.trim().split("\\s+")) {
						entries.add(Path.of(URI.create(url)));
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			else {
				entries.add(path);
			}
		}
		return entries;
	}

	/**
	 * A copy of every entry of {@code classpath} that any user may read, deleted at exit.
	 */
	static synchronized String worldReadable(String classpath) throws IOException {
		String copied = copies.get(classpath);
		if (copied == null) {
			Path root = Files.createTempDirectory("port-reservation-cp");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
			List<String> entries = new ArrayList<>();
			int i = 0;
			for (String entry : classpath.split(File.pathSeparator)) {
				Path source = Path.of(entry);
				Path copy = root.resolve((i++) + "-" + source.getFileName());
				copyTree(source, copy);
				entries.add(copy.toString());
			}
			try (Stream<Path> tree = Files.walk(root)) {
				for (Path path : tree.toList()) {
					Files.setPosixFilePermissions(path,
							PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
				}
			}
			copied = String.join(File.pathSeparator, entries);
			copies.put(classpath, copied);
		}
		return copied;
	}

	static void deleteTree(Path root) {
		try (Stream<Path> tree = Files.walk(root)) {
			for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			// a temporary directory: best effort
		}
	}

	private static void copyTree(Path source, Path target) throws IOException {
		if (!Files.exists(source)) {
			return;
		}
		try (Stream<Path> tree = Files.walk(source)) {
			for (Path path : tree.toList()) {
				Path destination = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(destination);
				}
				else {
					Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

}
