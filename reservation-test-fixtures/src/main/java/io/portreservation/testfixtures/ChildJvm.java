package io.portreservation.testfixtures;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM started by a test: the test's own classpath (or one it names), its output
 * read line by line, and killed by {@link #close()} whatever happened. Quick-starting by
 * default; it can run as another user ({@code setpriv}, Linux, as root) from a
 * world-readable copy of the classpath. The one way the project's tests start a JVM of
 * their own; {@link #launch(Class)} sets what differs.
 */
public final class ChildJvm implements AutoCloseable {

	/** The unprivileged user and group the other-uid processes run as. */
	public static final int NOBODY = 65534;

	/**
	 * What {@link #poll(Duration)} returns once the child has closed its output, and
	 * keeps returning.
	 */
	public static final String END = "\u0000EOF";

	static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
			"-Xshare:auto", "-Xmx64m");

	private final Process process;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final List<String> all = new ArrayList<>();

	ChildJvm(Process process) {
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
			this.lines.add(END);
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
	 * @throws IOException if the process cannot be started
	 */
	public static ChildJvm start(List<String> prefix, Class<?> mainClass, String... args) throws IOException {
		return launch(mainClass).prefix(prefix).args(args).start();
	}

	/**
	 * Start {@code mainClass} as uid and gid {@value #NOBODY}, from a world-readable copy
	 * of the test classpath.
	 * @param mainClass the class to run
	 * @param args its arguments
	 * @return the running child
	 * @throws IOException if the process cannot be started
	 */
	public static ChildJvm startAsNobody(Class<?> mainClass, String... args) throws IOException {
		return launch(mainClass).asNobody().args(args).start();
	}

	/**
	 * Describe a child JVM to start, for what {@link #start} does not cover.
	 * @param mainClass the class to run
	 * @return the launch, to configure and {@link JvmLaunch#start() start}
	 */
	public static JvmLaunch launch(Class<?> mainClass) {
		return new JvmLaunch(mainClass);
	}

	/**
	 * The next line the child prints.
	 * @param timeout how long to wait
	 * @return the line
	 * @throws AssertionError if none comes in time or the child ends first
	 * @throws InterruptedException if interrupted while waiting
	 */
	public String nextLine(Duration timeout) throws InterruptedException {
		String line = this.lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (line == null || line.equals(END)) {
			throw new AssertionError("No line from the child within " + timeout + " (read so far: " + this.all + ")");
		}
		this.all.add(line);
		return line;
	}

	/**
	 * The next line the child prints, for a caller that waits on its own terms.
	 * @param timeout how long to wait at most
	 * @return the line, {@code null} if none came in time, or {@link #END} once the child
	 * closed its output
	 * @throws InterruptedException if interrupted while waiting
	 */
	public String poll(Duration timeout) throws InterruptedException {
		String line = this.lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (END.equals(line)) {
			this.lines.add(END);
		}
		else if (line != null) {
			this.all.add(line);
		}
		return line;
	}

	/**
	 * Close the child's stdin (its signal to finish), then read what it prints until it
	 * ends.
	 * @param timeout how long to wait for the end
	 * @return every line printed after the ones already read
	 * @throws AssertionError if the child does not end in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public List<String> finish(Duration timeout) throws InterruptedException {
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
			if (line.equals(END)) {
				return rest;
			}
			rest.add(line);
		}
	}

	/**
	 * Write a line to the child's stdin.
	 * @param line the line, without its end
	 * @throws IOException if the child is gone
	 */
	public void send(String line) throws IOException {
		this.process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
		this.process.getOutputStream().flush();
	}

	/**
	 * The process, to signal it or wait for it.
	 * @return the child's process
	 */
	public Process process() {
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
	 * @return the flag, or nothing
	 */
	public static List<String> nativeAccess() {
		return (Runtime.version().feature() >= 22) ? List.of("--enable-native-access=ALL-UNNAMED") : List.of();
	}

	/**
	 * Whether a command is on the {@code PATH}.
	 * @param command such as {@code python3}
	 * @return {@code true} if an executable of that name is found
	 */
	public static boolean commandExists(String command) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(directory, command))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the tests run as root, who alone can switch users and namespaces.
	 * @return {@code true} as root
	 */
	public static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	/**
	 * The test JVM's classpath, with Surefire's manifest-only jar expanded.
	 * @return the classpath
	 */
	public static String classpath() {
		return String.join(File.pathSeparator, TestClasspath.entries().stream().map(Path::toString).toList());
	}

	/**
	 * Delete a temporary directory, best effort.
	 * @param root the directory
	 */
	public static void deleteTree(Path root) {
		TestClasspath.deleteTree(root);
	}

}
