package io.portreservation.boot.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;

/**
 * Checks, before anything is reserved, that the held-socket blocks leave the process
 * enough file descriptors: a block that fits under the limit by itself could otherwise
 * starve the rest of the startup ("Too many open files" from some other bean). Reads the
 * soft limit from {@code /proc/self/limits} and the open descriptors from
 * {@code /proc/self/fd}; where those do not exist (not Linux) nothing is checked.
 */
public final class DescriptorBudget {

	/**
	 * Descriptors kept for the application beside the blocks: jars, logs, the servers'
	 * listeners and selectors, and a few hundred connections.
	 */
	public static final long MARGIN = 256;

	private static final Path LIMITS = Path.of("/proc/self/limits");

	private static final Path FDS = Path.of("/proc/self/fd");

	private DescriptorBudget() {
	}

	/**
	 * Refuse blocks that would leave the process fewer than {@link #MARGIN} descriptors.
	 * @param requests the blocks by name
	 * @throws DescriptorLimitException if they would
	 */
	public static void check(Map<String, ReservationRequest> requests) {
		long limit = softLimit();
		long open = openDescriptors();
		if (limit < 0 || open < 0) {
			return;
		}
		long needed = requests.values().stream().mapToLong(DescriptorBudget::descriptors).sum();
		if (open + needed + MARGIN > limit) {
			String blocks = requests.entrySet()
				.stream()
				.map((entry) -> "'" + entry.getKey() + "' (" + entry.getValue().count() + " "
						+ entry.getValue().protocol() + " ports)")
				.collect(Collectors.joining(", "));
			throw new DescriptorLimitException(limit, open, needed, MARGIN, blocks);
		}
	}

	private static long descriptors(ReservationRequest request) {
		return (long) request.count() * ((request.protocol() == Protocol.TCP_UDP) ? 2 : 1);
	}

	static long softLimit() {
		try (Stream<String> lines = Files.lines(LIMITS)) {
			return lines.filter((line) -> line.startsWith("Max open files"))
				.map((line) -> line.substring("Max open files".length()).trim().split("\\s+")[0])
				.map((soft) -> "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft))
				.findFirst()
				.orElse(-1L);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	static long openDescriptors() {
		try (Stream<Path> fds = Files.list(FDS)) {
			return fds.count();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

}
