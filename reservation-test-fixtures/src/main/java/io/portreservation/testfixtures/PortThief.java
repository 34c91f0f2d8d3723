package io.portreservation.testfixtures;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The one port thief of the project's tests: a second process (a {@link ChildJvm}) that
 * tries to take ports, as the same user or, through {@link JvmLaunch#asNobody()}, as
 * another one. The modes and what they print are described on {@link PortThiefProcess};
 * {@link #sweep}, {@link #steal} and {@link #busyPorts} run the one-pass modes and return
 * what the thief printed, {@link #launch} starts any mode for a test that talks to the
 * thief while it runs.
 */
public final class PortThief {

	/**
	 * How long a socket that got a port is kept before it is closed ({@code steal} mode).
	 */
	public static final long SQUAT_MILLIS = 100;

	/** What one-pass modes may take before the thief is taken for hung. */
	private static final Duration ONE_PASS = Duration.ofSeconds(60);

	/** The options every platform's JDK sets. */
	private static final String PORTABLE_OPTIONS = "plain,SO_REUSEADDR";

	/**
	 * With {@code SO_REUSEPORT}, which the JDK offers where the kernel has it (not
	 * Windows).
	 */
	private static final String ALL_OPTIONS = "plain,SO_REUSEADDR,SO_REUSEPORT";

	private PortThief() {
	}

	/**
	 * A thief process to start, in one of the modes of {@link PortThiefProcess}.
	 * @param args the mode and its arguments, such as {@code steal tcp 60000 20000,20001}
	 * @return the launch, to adjust (another user, a prefix such as {@code unshare}) and
	 * start
	 */
	public static JvmLaunch launch(String... args) {
		return ChildJvm.launch(PortThiefProcess.class).args(args);
	}

	/**
	 * Try once to take every port with a plain socket and one with {@code SO_REUSEADDR},
	 * on IPv4 and IPv6, wildcard and loopback: what a thief can try on every platform.
	 * @param protocol {@code tcp} (listeners) or {@code udp}
	 * @param ports the ports
	 * @return one {@code TAKEN} line per bind that worked, empty if none did
	 */
	public static List<String> sweep(String protocol, int... ports) {
		return runOnce(List.of("sweep", protocol, PORTABLE_OPTIONS, join(ports)), "TAKEN");
	}

	/**
	 * Try once to take every port of a range with TCP listeners, plain, with
	 * {@code SO_REUSEADDR} and with {@code SO_REUSEPORT}, on IPv4 and IPv6, wildcard and
	 * loopback.
	 * @param first the first port
	 * @param last the last port
	 * @return one {@code TAKEN} line per successful theft, empty if nothing was taken
	 */
	public static List<String> steal(int first, int last) {
		return runOnce(List.of("sweep", "tcp", ALL_OPTIONS, join(IntStream.rangeClosed(first, last).toArray())),
				"TAKEN");
	}

	/**
	 * Bind every port of a range with {@code SO_REUSEADDR}, as a server would.
	 * @param first the first port
	 * @param last the last port
	 * @return one {@code BUSY} line per port and address that could not be bound, empty
	 * if all could
	 */
	public static List<String> busyPorts(int first, int last) {
		return runOnce(List.of("expectfree", join(IntStream.rangeClosed(first, last).toArray())), "BUSY");
	}

	private static List<String> runOnce(List<String> args, String prefix) {
		try (ChildJvm thief = launch(args.toArray(String[]::new)).mergeStderr().start()) {
			List<String> lines = thief.finish(ONE_PASS);
			if (!lines.contains("DONE")) {
				throw new IllegalStateException("The thief process failed: " + lines);
			}
			return lines.stream().filter((line) -> line.startsWith(prefix)).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The thief process could not be started", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String join(int[] ports) {
		List<String> parts = new ArrayList<>();
		for (int port : ports) {
			parts.add(Integer.toString(port));
		}
		return String.join(",", parts);
	}

}
