package io.portreservation.heldsocket;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.portreservation.Backend;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.testfixtures.ChildJvm;

/**
 * What the first reservation costs in a fresh JVM, for {@link HoldingBenchmark}: run in
 * a child JVM of its own, it prints the milliseconds spent loading JNA and binding libc,
 * and those of the whole first reservation.
 */
public final class StartupProbe {

	private StartupProbe() {
	}

	public static void main(String[] args) throws Exception {
		long start = System.nanoTime();
		Class.forName("io.portreservation.heldsocket.LibC"); // loads JNA and binds libc
		long jna = System.nanoTime() - start;
		PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 1), Backend.HELD_SOCKET).close();
		long total = System.nanoTime() - start;
		System.out.println(jna + " " + total);
	}

	/**
	 * Run the probe in fresh JVMs.
	 * @param runs how many JVMs
	 * @return for each run, the nanoseconds of JNA loading and of the whole first reservation
	 */
	static List<long[]> measure(int runs) throws Exception {
		List<long[]> results = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			// the JVM's own defaults: a first reservation as an application's JVM makes it
			try (ChildJvm probe = ChildJvm.launch(StartupProbe.class).standardJvm().classpath(classpath()).start()) {
				String[] out = String.join(" ", probe.finish(Duration.ofSeconds(60))).trim().split(" ");
				results.add(new long[] { Long.parseLong(out[0]), Long.parseLong(out[1]) });
			}
		}
		return results;
	}

	/** Only what the probe needs: the library, JNA, SLF4J and its simple logger, this class. */
	private static String classpath() throws URISyntaxException, ClassNotFoundException {
		Set<String> entries = new LinkedHashSet<>();
		// the fixtures too: the verifier may resolve ChildJvm, which measure() uses
		for (String name : new String[] { StartupProbe.class.getName(), HeldSocketReservations.class.getName(),
				"com.sun.jna.Native", "org.slf4j.LoggerFactory", "org.slf4j.simple.SimpleLogger",
				ChildJvm.class.getName() }) {
			Class<?> type = Class.forName(name, false, StartupProbe.class.getClassLoader());
			entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
		}
		return String.join(File.pathSeparator, entries);
	}

}
