package io.portreservation.testfixtures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What differs between the child JVMs the tests start: made by
 * {@link ChildJvm#launch(Class)}, started by {@link #start()}.
 */
public final class JvmLaunch {

	private final Class<?> mainClass;

	private List<String> prefix = List.of();

	private final List<String> jvmArgs = new ArrayList<>();

	private final List<String> args = new ArrayList<>();

	private @Nullable String classpath;

	private boolean asNobody;

	private boolean fastStart = true;

	private ProcessBuilder.Redirect stderr = ProcessBuilder.Redirect.INHERIT;

	private boolean mergeStderr;

	private final Map<String, String> environment = new LinkedHashMap<>();

	JvmLaunch(Class<?> mainClass) {
		this.mainClass = mainClass;
	}

	/**
	 * Run java under another command.
	 * @param prefix such as {@code unshare --net --}
	 * @return this launch
	 */
	public JvmLaunch prefix(List<String> prefix) {
		this.prefix = List.copyOf(prefix);
		return this;
	}

	/**
	 * Options for the JVM, after the quick-start ones.
	 * @param jvmArgs such as {@code --add-opens ...}
	 * @return this launch
	 */
	public JvmLaunch jvmArgs(String... jvmArgs) {
		this.jvmArgs.addAll(Arrays.asList(jvmArgs));
		return this;
	}

	/**
	 * Arguments of the main class.
	 * @param args the arguments
	 * @return this launch
	 */
	public JvmLaunch args(String... args) {
		this.args.addAll(Arrays.asList(args));
		return this;
	}

	/**
	 * Run with this classpath instead of the test JVM's.
	 * @param classpath the classpath
	 * @return this launch
	 */
	public JvmLaunch classpath(String classpath) {
		this.classpath = classpath;
		return this;
	}

	/**
	 * Run as uid and gid {@value ChildJvm#NOBODY} ({@code setpriv}), from a
	 * world-readable copy of the classpath.
	 * @return this launch
	 */
	public JvmLaunch asNobody() {
		this.asNobody = true;
		return this;
	}

	/**
	 * Run with the JVM's own defaults (heap, JIT, GC) instead of the quick-start ones:
	 * for an application whose startup is measured or that needs more than 64 MB.
	 * @return this launch
	 */
	public JvmLaunch standardJvm() {
		this.fastStart = false;
		return this;
	}

	/**
	 * Read the child's stderr with its stdout (by default stderr goes to the test's).
	 * @return this launch
	 */
	public JvmLaunch mergeStderr() {
		this.mergeStderr = true;
		return this;
	}

	/**
	 * Drop the child's stderr (by default it goes to the test's): for many children whose
	 * warnings would bury a benchmark's output.
	 * @return this launch
	 */
	public JvmLaunch discardStderr() {
		this.stderr = ProcessBuilder.Redirect.DISCARD;
		return this;
	}

	/**
	 * Set a variable of the child's environment, such as the {@code LD_PRELOAD} of the
	 * Winsock stand-in (by default the child has neither the test JVM's
	 * {@code JAVA_TOOL_OPTIONS} nor its {@code LD_PRELOAD}).
	 * @param name the variable
	 * @param value its value
	 * @return this launch
	 */
	public JvmLaunch env(String name, String value) {
		this.environment.put(name, value);
		return this;
	}

	/**
	 * Start the child.
	 * @return the running child
	 * @throws IOException if the process cannot be started
	 */
	public ChildJvm start() throws IOException {
		List<String> command = new ArrayList<>(this.prefix);
		if (this.asNobody) {
			command.addAll(
					List.of("setpriv", "--reuid=" + ChildJvm.NOBODY, "--regid=" + ChildJvm.NOBODY, "--clear-groups"));
		}
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (this.fastStart) {
			command.addAll(ChildJvm.FAST_START);
		}
		command.addAll(ChildJvm.nativeAccess());
		command.addAll(this.jvmArgs);
		command.add("-cp");
		String classpath = (this.classpath != null) ? this.classpath : ChildJvm.classpath();
		command.add(this.asNobody ? TestClasspath.worldReadable(classpath) : classpath);
		command.add(this.mainClass.getName());
		command.addAll(this.args);
		ProcessBuilder builder = new ProcessBuilder(command);
		if (this.mergeStderr) {
			builder.redirectErrorStream(true);
		}
		else {
			builder.redirectError(this.stderr);
		}
		// Options meant for the test JVM, and a library preloaded into it (the Winsock
		// stand-in), are not the child's.
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		builder.environment().remove("LD_PRELOAD");
		builder.environment().putAll(this.environment);
		return new ChildJvm(builder.start());
	}

}
