package io.portreservation.heldsocket;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.portreservation.testfixtures.ChildJvm;

/**
 * The raw C baseline of {@link HoldingBenchmark}: compiles {@code bind_ports.c} with gcc
 * (installed by {@code build-tools/ensure-tools.sh} when missing) and runs it.
 */
final class RawBindBaseline {

	private final Path executable;

	private RawBindBaseline(Path executable) {
		this.executable = executable;
	}

	static RawBindBaseline compile() throws IOException, InterruptedException {
		Path tools = findUp(Path.of("build-tools", "ensure-tools.sh"));
		run(List.of("bash", tools.toString(), "gcc"));
		Path directory = Files.createTempDirectory("bind-ports");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> ChildJvm.deleteTree(directory)));
		Path source = directory.resolve("bind_ports.c");
		try (InputStream in = RawBindBaseline.class.getResourceAsStream("/benchmark/bind_ports.c")) {
			Files.copy(in, source);
		}
		Path executable = directory.resolve("bind_ports");
		run(List.of("gcc", "-O2", "-o", executable.toString(), source.toString()));
		return new RawBindBaseline(executable);
	}

	/**
	 * Time {@code socket()+bind()} of {@code count} ports in C.
	 * @param jdkOptions whether each socket also gets the option calls this JDK's
	 * {@code Net.socket0} makes
	 * @return nanoseconds of each repetition
	 */
	List<Long> bind(int first, int count, String protocol, int repetitions, boolean jdkOptions)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(this.executable.toString(), Integer.toString(first),
				Integer.toString(count), protocol, Integer.toString(repetitions)));
		if (jdkOptions) {
			command.add("jdk");
			command.add(Integer.toString(Runtime.version().feature()));
		}
		List<Long> times = new ArrayList<>();
		for (String line : run(command)) {
			times.add(Long.parseLong(line.trim()));
		}
		return times;
	}

	private static List<String> run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(command + " failed: " + output);
			}
			return output.lines().filter((line) -> !line.isBlank()).toList();
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static Path findUp(Path relative) {
		for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
			if (Files.isRegularFile(directory.resolve(relative))) {
				return directory.resolve(relative);
			}
		}
		throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
	}

}
