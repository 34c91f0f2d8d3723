package io.portreservation.heldsocket;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.testfixtures.ChildJvm;
import org.jspecify.annotations.Nullable;

/**
 * What the first reservation costs in a fresh JVM, for {@link FirstReservationBenchmark}:
 * run in a child JVM of its own with only the library on its classpath, it times
 * <ul>
 * <li>{@code held}:
 * {@code PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 16))} and
 * prints {@code <nanos> <first port> <socket calls used>};</li>
 * <li>{@code jdk <first port>}: binding those 16 ports with plain JDK
 * {@code SocketChannel}s (bound, not listening, like a holder) and prints
 * {@code <nanos>}.</li>
 * </ul>
 */
public final class StartupProbe {

	static final int PORTS = 16;

	private static @Nullable String classpath;

	private StartupProbe() {
	}

	public static void main(String[] args) throws Exception {
		if (args[0].equals("held")) {
			long start = System.nanoTime();
			PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, PORTS));
			long elapsed = System.nanoTime() - start;
			block.close();
			System.out.println(elapsed + " " + block.firstPort() + " " + SocketCalls.get().getClass().getSimpleName());
			return;
		}
		int first = Integer.parseInt(args[1]);
		long start = System.nanoTime();
		List<SocketChannel> channels = new ArrayList<>();
		for (int port = first; port < first + PORTS; port++) {
			SocketChannel channel = SocketChannel.open();
			channels.add(channel);
			try {
				channel.bind(new InetSocketAddress(port));
			}
			catch (java.net.BindException ex) {
				// as the backend does: past TIME_WAIT entries
				channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
				channel.bind(new InetSocketAddress(port));
			}
		}
		long elapsed = System.nanoTime() - start;
		for (SocketChannel channel : channels) {
			channel.close();
		}
		System.out.println(elapsed);
	}

	/**
	 * Run pairs of fresh JVMs: one reserves, one binds the same ports with JDK channels;
	 * which goes first alternates.
	 * @param pairs how many pairs
	 * @param options JVM options of both
	 * @return per pair: reservation nanos, JDK channel nanos
	 */
	static List<long[]> measure(int pairs, List<String> options) throws Exception {
		List<long[]> results = new ArrayList<>();
		int lastFirst = -1;
		for (int i = 0; i < pairs; i++) {
			boolean jdkFirst = (i % 2 == 1) && lastFirst > 0;
			long jdk = jdkFirst ? Long.parseLong(run(options, "jdk", Integer.toString(lastFirst))[0]) : 0;
			String[] held = run(options, "held");
			lastFirst = Integer.parseInt(held[1]);
			if (!jdkFirst) {
				jdk = Long.parseLong(run(options, "jdk", held[1])[0]);
			}
			results.add(new long[] { Long.parseLong(held[0]), jdk });
		}
		return results;
	}

	/**
	 * The socket calls the {@code held} probe used with these options.
	 * @param options JVM options
	 * @return the simple class name
	 */
	static String callsUsed(List<String> options) throws Exception {
		return run(options, "held")[2];
	}

	private static String[] run(List<String> options, String... args) throws Exception {
		// the JVM's own defaults: a first reservation as an application's JVM makes it
		try (ChildJvm probe = ChildJvm.launch(StartupProbe.class)
			.standardJvm()
			.classpath(classpath())
			.jvmArgs(options.toArray(new String[0]))
			.args(args)
			.start()) {
			return String.join(" ", probe.finish(Duration.ofSeconds(60))).trim().split(" ");
		}
	}

	/**
	 * Only what the probe needs: the library (packed into a jar, as applications load
	 * it), JNA, SLF4J and its simple logger, this class.
	 */
	private static synchronized String classpath() throws Exception {
		String known = classpath;
		if (known != null) {
			return known;
		}
		Set<String> entries = new LinkedHashSet<>();
		for (String name : new String[] { StartupProbe.class.getName(), HeldSocketReservations.class.getName(),
				"com.sun.jna.Native", "org.slf4j.LoggerFactory", "org.slf4j.simple.SimpleLogger" }) {
			Class<?> type = Class.forName(name, false, StartupProbe.class.getClassLoader());
			Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
			entries.add((Files.isDirectory(location) && type == HeldSocketReservations.class) ? jar(location).toString()
					: location.toString());
		}
		String joined = String.join(File.pathSeparator, entries);
		classpath = joined;
		return joined;
	}

	private static Path jar(Path classes) throws IOException {
		Path jar = Files.createTempFile("reservation-core", ".jar");
		jar.toFile().deleteOnExit();
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest());
				Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
				Files.copy(file, out);
				out.closeEntry();
			}
		}
		return jar;
	}

}
