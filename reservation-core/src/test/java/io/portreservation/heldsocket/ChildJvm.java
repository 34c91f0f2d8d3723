package io.portreservation.heldsocket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A second JVM started by a test: the test's own classpath, a quick-starting JVM, its
 * output read line by line, and killed by {@link #close()} whatever happened. Can run as
 * another user ({@code setpriv}, Linux, as root), from a world-readable copy of the
 * classpath.
 */
final class ChildJvm implements AutoCloseable {

	/** The unprivileged user and group the other-uid processes run as. */
	static final int NOBODY = 65534;

	private static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
			"-XX:-UsePerfData", "-Xshare:auto", "-Xmx64m");

	private static volatile @Nullable String publicClasspath;

	private final Process process;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final List<String> all = new ArrayList<>();

	private ChildJvm(Process process) {
		this.process = process;
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					this.lines.add(line);
				}
			}
			catch (IOException ex) {
				// the process is gone
			}
			this.lines.add("\u0000EOF");
		}, "child-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start {@code mainClass} with the test classpath.
	 * @param prefix a command to run java under (such as {@code unshare}), may be empty
	 * @param mainClass the class to run
	 * @param args its arguments
	 * @return the running child
	 */
	static ChildJvm start(List<String> prefix, Class<?> mainClass, String... args) throws IOException {
		return start(prefix, classpath(), mainClass, args);
	}

	/**
	 * Start {@code mainClass} as uid and gid 65534, from a world-readable copy of the
	 * test classpath.
	 */
	static ChildJvm startAsNobody(Class<?> mainClass, String... args) throws IOException {
		List<String> prefix = List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups");
		return start(prefix, publicClasspath(), mainClass, args);
	}

	private static ChildJvm start(List<String> prefix, String classpath, Class<?> mainClass, String... args)
			throws IOException {
		List<String> command = new ArrayList<>(prefix);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(FAST_START);
		command.addAll(nativeAccess());
		command.add("-cp");
		command.add(classpath);
		command.add(mainClass.getName());
		command.addAll(Arrays.asList(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		return new ChildJvm(builder.start());
	}

	/**
	 * The next line the child prints.
	 * @param timeout how long to wait
	 * @return the line
	 * @throws AssertionError if none comes in time or the child ends first
	 */
	String nextLine(Duration timeout) throws InterruptedException {
		String line = this.lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (line == null || line.equals("\u0000EOF")) {
			throw new AssertionError("No line from the child within " + timeout + " (read so far: " + this.all + ")");
		}
		this.all.add(line);
		return line;
	}

	/**
	 * Close the child's stdin (its signal to finish), then read what it prints until it
	 * ends.
	 * @param timeout how long to wait for the end
	 * @return every line printed after the ones already read
	 */
	List<String> finish(Duration timeout) throws InterruptedException {
		try {
			this.process.getOutputStream().close();
		}
		catch (IOException ex) {
			// already gone
		}
		List<String> rest = new ArrayList<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			String line = this.lines.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
					TimeUnit.MILLISECONDS);
			if (line == null) {
				throw new AssertionError("The child did not finish within " + timeout + " (read: " + rest + ")");
			}
			if (line.equals("\u0000EOF")) {
				return rest;
			}
			rest.add(line);
		}
	}

	void send(String line) throws IOException {
		this.process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
		this.process.getOutputStream().flush();
	}

	Process process() {
		return this.process;
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	/**
	 * The flag that lets JNA load its native library without a warning, on the JDKs that
	 * warn (22 and later).
	 */
	static List<String> nativeAccess() {
		return (Runtime.version().feature() >= 22) ? List.of("--enable-native-access=ALL-UNNAMED") : List.of();
	}

	static boolean commandExists(String command) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(directory, command))) {
				return true;
			}
		}
		return false;
	}

	static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	/**
	 * The test JVM's classpath, with Surefire's manifest-only jar expanded.
	 */
	static String classpath() {
		List<Path> entries = classpathEntries();
		return String.join(java.io.File.pathSeparator, entries.stream().map(Path::toString).toList());
	}

	private static List<Path> classpathEntries() {
		List<Path> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
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

	private static synchronized String publicClasspath() throws IOException {
		String classpath = publicClasspath;
		if (classpath == null) {
			Path root = Files.createTempDirectory("port-reservation-cp");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
			List<String> copies = new ArrayList<>();
			int i = 0;
			for (Path entry : classpathEntries()) {
				Path copy = root.resolve((i++) + "-" + entry.getFileName());
				copyTree(entry, copy);
				copies.add(copy.toString());
			}
			try (Stream<Path> tree = Files.walk(root)) {
				for (Path path : tree.toList()) {
					Files.setPosixFilePermissions(path,
							PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
				}
			}
			classpath = String.join(java.io.File.pathSeparator, copies);
			publicClasspath = classpath;
		}
		return classpath;
	}

	static void deleteTree(Path root) {
		try (Stream<Path> tree = Files.walk(root)) {
			for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
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
