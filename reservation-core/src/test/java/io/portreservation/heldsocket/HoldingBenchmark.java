package io.portreservation.heldsocket;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

import io.portreservation.Backend;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.WildcardSearch;

/**
 * Prints, side by side in one run, what holding idle ports costs with the held-socket
 * backend (bare descriptors, through the JDK's natives and through JNA), with a JDK
 * channel per port, and with raw C {@code socket()+bind()}; and what reserving a wildcard
 * block of 64 costs against probing 64 ports the way Spring's {@code TestSocketUtils}
 * does. Not a test: run it with (the option lets the JDK path run in Maven's JVM) <pre>
 * MAVEN_OPTS="--add-opens java.base/sun.nio.ch=ALL-UNNAMED" ./mvnw -q -pl reservation-test-fixtures,reservation-core \
 *     test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.portreservation.heldsocket.HoldingBenchmark
 * </pre>
 */
public final class HoldingBenchmark {

	private static final int REPETITIONS = 9;

	private HoldingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		SocketCalls jdkCalls = JdkSocketCalls.create();
		if (jdkCalls == null) {
			throw new IllegalStateException("Run with " + DescriptorChannels.FLAG + " (MAVEN_OPTS) on Linux");
		}
		SocketCalls jnaCalls = new LibCSocketCalls();
		RawBindBaseline raw = RawBindBaseline.compile();
		System.out.printf("%nJava %s, %s %s, %d cores, load average %.1f%n%n", System.getProperty("java.version"),
				System.getProperty("os.name"), System.getProperty("os.version"),
				Runtime.getRuntime().availableProcessors(),
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		System.out.println("| hold idle ports (median of " + REPETITIONS + ") | held-socket (JDK natives) "
				+ "| held-socket (JNA) | JDK channel per port | raw C socket()+bind() | JDK natives / C | JNA / C "
				+ "| JDK channel / C | C with socket0's option calls / C |");
		System.out.println("|---|---|---|---|---|---|---|---|---|");
		List<String> heapRows = new ArrayList<>();
		for (Protocol protocol : new Protocol[] { Protocol.TCP, Protocol.UDP }) {
			for (int count : new int[] { 1_000, 10_000 }) {
				double[] row = measureRow(raw, protocol, count, jdkCalls, jnaCalls);
				double c = row[3];
				System.out.printf(
						"| %,d %s ports | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.2f× | %.2f× | %.2f× | %.2f× |%n",
						count, protocol, row[0], row[1], row[2], c, row[0] / c, row[1] / c, row[2] / c, row[7] / c);
				if (count == 10_000) {
					heapRows.add(String.format("| %,d %s ports | %.1f B | %.1f B | %.1f B |", count, protocol, row[4],
							row[5], row[6]));
				}
			}
		}
		System.out.println();
		System.out.println("| heap per idle held port | held-socket (JDK natives) | held-socket (JNA) "
				+ "| JDK channel per port |");
		System.out.println("|---|---|---|---|");
		heapRows.forEach(System.out::println);
		System.out.println();
		double wildcard = median(() -> {
			long t = System.nanoTime();
			PortReservation block = HeldSocketReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 64),
					jdkCalls);
			long elapsed = System.nanoTime() - t;
			block.close();
			return elapsed;
		});
		double probing = median(HoldingBenchmark::probe64);
		System.out.println("| 64 TCP ports (median of " + REPETITIONS + ") | time | holds them afterwards |");
		System.out.println("|---|---|---|");
		System.out.printf("| held-socket wildcard block of 64 (JDK natives) | %.2f ms | yes, until closed |%n",
				wildcard);
		System.out.printf("| TestSocketUtils-style probing of 64 random ports | %.2f ms | no: free for anyone |%n",
				probing);
	}

	/**
	 * Time the three contenders on one block, taking turns so that whatever else the
	 * machine does weighs on all three alike, and weigh the heap per port. On a shared
	 * machine another process may take a port of the block meanwhile: then the row is
	 * measured again on another block.
	 * @return JDK-natives ms, JNA ms, JDK channel ms, C ms, heap bytes per port of the
	 * first three, then ms of C making the option calls of the JDK's {@code socket0} (the
	 * floor of the JDK-natives path)
	 */
	private static double[] measureRow(RawBindBaseline raw, Protocol protocol, int count, SocketCalls jdkCalls,
			SocketCalls jnaCalls) throws Exception {
		for (int attempt = 1;; attempt++) {
			int first = freeBlock(protocol, count);
			try {
				List<Long> natives = new ArrayList<>();
				List<Long> held = new ArrayList<>();
				List<Long> jdk = new ArrayList<>();
				List<Long> c = new ArrayList<>();
				List<Long> cWithJdkOptions = new ArrayList<>();
				String name = protocol.name().toLowerCase();
				for (int round = 0; round <= REPETITIONS; round++) { // round 0 warms up
					long nativesTime = timeHeld(protocol, first, count, jdkCalls);
					long heldTime = timeHeld(protocol, first, count, jnaCalls);
					long jdkTime = timeJdk(protocol, first, count);
					long cTime = raw.bind(first, count, name, 1, false).get(0);
					long cWithJdkOptionsTime = raw.bind(first, count, name, 1, true).get(0);
					if (round > 0) {
						natives.add(nativesTime);
						held.add(heldTime);
						jdk.add(jdkTime);
						c.add(cTime);
						cWithJdkOptions.add(cWithJdkOptionsTime);
					}
				}
				return new double[] { median(natives), median(held), median(jdk), median(c),
						heapPerPort(() -> holdHeld(protocol, first, count, jdkCalls), count),
						heapPerPort(() -> holdHeld(protocol, first, count, jnaCalls), count),
						heapPerPort(() -> holdJdk(protocol, first, count), count), median(cWithJdkOptions) };
			}
			catch (RuntimeException ex) {
				if (attempt == 5) {
					throw ex;
				}
				System.err
					.println("(a port of the block was taken meanwhile, measuring again: " + ex.getMessage() + ")");
			}
		}
	}

	private static long timeHeld(Protocol protocol, int first, int count, SocketCalls calls) {
		long start = System.nanoTime();
		PortReservation block = holdHeld(protocol, first, count, calls);
		long elapsed = System.nanoTime() - start;
		block.close();
		return elapsed;
	}

	private static PortReservation holdHeld(Protocol protocol, int first, int count, SocketCalls calls) {
		return HeldSocketReservations.reserve(ReservationRequest.of(protocol, first, count), calls);
	}

	private static long timeJdk(Protocol protocol, int first, int count) {
		long start = System.nanoTime();
		AutoCloseable channels = holdJdk(protocol, first, count);
		long elapsed = System.nanoTime() - start;
		close(channels);
		return elapsed;
	}

	private static AutoCloseable holdJdk(Protocol protocol, int first, int count) {
		List<NetworkChannel> channels = new ArrayList<>(count);
		AutoCloseable closeAll = () -> {
			for (NetworkChannel channel : channels) {
				channel.close();
			}
		};
		try {
			for (int port = first; port < first + count; port++) {
				NetworkChannel channel = (protocol == Protocol.TCP) ? SocketChannel.open() : DatagramChannel.open();
				channels.add(channel);
				try {
					channel.bind(new InetSocketAddress(port));
				}
				catch (java.net.BindException ex) {
					// as the backend and the C baseline do: past another process's
					// TIME_WAIT
					channel.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
					channel.bind(new InetSocketAddress(port));
				}
			}
		}
		catch (IOException ex) {
			close(closeAll);
			throw new IllegalStateException(ex);
		}
		return closeAll;
	}

	/** Probe like {@code TestSocketUtils.findAvailableTcpPort()}, 64 times. */
	private static long probe64() {
		long start = System.nanoTime();
		Set<Integer> found = new HashSet<>();
		InetAddress loopback = InetAddress.getLoopbackAddress();
		while (found.size() < 64) {
			int port = ThreadLocalRandom.current().nextInt(1024, 65536);
			try (ServerSocket socket = new ServerSocket(port, 1, loopback)) {
				found.add(port);
			}
			catch (IOException ex) {
				// in use: try another
			}
		}
		return System.nanoTime() - start;
	}

	/** A block every contender can bind. */
	private static int freeBlock(Protocol protocol, int count) {
		for (int attempt = 0; attempt < 50; attempt++) {
			int first;
			try (PortReservation block = PortReservations.reserve(
					ReservationRequest.anyBlock(protocol, count)
						.withTimeout(java.time.Duration.ofSeconds(30))
						// 10,000 consecutive ports do not fit between the default skipped
						// ports
						.withSearch(new WildcardSearch(WildcardSearch.DEFAULT_RANGE, List.of())),
					Backend.HELD_SOCKET)) {
				first = block.firstPort();
			}
			try {
				close(holdJdk(protocol, first, count));
				return first;
			}
			catch (IllegalStateException ex) {
				// taken meanwhile: find another block
			}
		}
		throw new IllegalStateException("No block of " + count + " bindable " + protocol + " ports found");
	}

	private static double heapPerPort(java.util.function.Supplier<AutoCloseable> hold, int count) {
		long before = usedHeapAfterGc();
		AutoCloseable held = hold.get();
		long after = usedHeapAfterGc();
		close(held);
		return (double) (after - before) / count;
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static double median(LongSupplier nanos) {
		long warmUp = nanos.getAsLong(); // not counted
		List<Long> times = new ArrayList<>();
		for (int i = 0; i < REPETITIONS; i++) {
			times.add(nanos.getAsLong());
		}
		return median(times);
	}

	private static double median(List<Long> nanos) {
		List<Long> sorted = nanos.stream().sorted().toList();
		return millis(sorted.get(sorted.size() / 2));
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

	private static void close(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
