package io.portreservation.boot.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.portreservation.PortReservation;

/**
 * Runs a second process (python3) that tries to take ports, plain, with SO_REUSEADDR and
 * with SO_REUSEPORT, on IPv4 and IPv6, wildcard and loopback. Bounded in time; the
 * process is killed if it overruns.
 */
public final class PortThief {

	private static final long TIMEOUT_SECONDS = 30;

	private PortThief() {
	}

	/**
	 * Try to take every port of a block.
	 * @param block the block
	 * @return one line per successful theft, empty if nothing was taken
	 */
	public static List<String> steal(PortReservation block) {
		return run(false, ports(block.firstPort(), block.lastPort()));
	}

	/**
	 * Try to take every port of a range.
	 * @param first the first port
	 * @param last the last port
	 * @return one line per successful theft, empty if nothing was taken
	 */
	public static List<String> steal(int first, int last) {
		return run(false, ports(first, last));
	}

	/**
	 * Bind every port of a range with SO_REUSEADDR, as a server would.
	 * @param first the first port
	 * @param last the last port
	 * @return one line per port and address that could not be bound, empty if all could
	 */
	public static List<String> busyPorts(int first, int last) {
		return run(true, ports(first, last));
	}

	private static String ports(int first, int last) {
		return IntStream.rangeClosed(first, last).mapToObj(String::valueOf).collect(Collectors.joining(","));
	}

	private static List<String> run(boolean expectFree, String ports) {
		Process process = null;
		try {
			Path script = Files.createTempFile("port_thief", ".py");
			try (InputStream in = PortThief.class.getResourceAsStream("/port_thief.py")) {
				Files.write(script, in.readAllBytes());
			}
			List<String> command = new ArrayList<>(List.of("python3", script.toString()));
			if (expectFree) {
				command.add("--expect-free");
			}
			command.add(ports);
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				throw new IllegalStateException("port thief did not finish within " + TIMEOUT_SECONDS + " s");
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			Files.deleteIfExists(script);
			if (!output.contains("DONE")) {
				throw new IllegalStateException("port thief failed: " + output);
			}
			return output.lines().filter((line) -> !line.startsWith("DONE")).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			if (process != null) {
				process.destroyForcibly();
			}
		}
	}

}
