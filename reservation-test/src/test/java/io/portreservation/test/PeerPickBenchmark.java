package io.portreservation.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.portreservation.Protocol;

/**
 * Peer benchmark (not a test): N processes start together, each picks P port numbers
 * with one strategy and then binds them all with plain JDK server channels (default options),
 * as test JVMs that publish ports at startup and start their servers later do. Printed
 * per strategy, from one run: binds that failed, ports handed to more than one process,
 * and the wall time.
 *
 * <p>Run: {@code ./mvnw -B -q -pl reservation-core,reservation-test -Ppeer-benchmark -DskipTests verify}
 * (arguments: processes, ports per process).
 */
public final class PeerPickBenchmark {

	private static final List<String> STRATEGIES = List.of("test-socket-utils", "bind-0-close", "reserved-port");

	private PeerPickBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int processes = (args.length > 0) ? Integer.parseInt(args[0]) : 32;
		int ports = (args.length > 1) ? Integer.parseInt(args[1]) : 64;
		System.out.printf("%d processes x %d ports, picked then bound by plain code%n", processes, ports);
		System.out.printf("%-18s %12s %14s %18s %10s%n", "strategy", "binds", "failed binds", "ports in >1 process",
				"wall ms");
		Map<String, Long> failures = new HashMap<>();
		for (String strategy : STRATEGIES) {
			Result result = run(strategy, processes, ports);
			failures.put(strategy, result.failed);
			System.out.printf("%-18s %12d %13d %s %18d %10d%n", strategy, result.binds, result.failed,
					percent(result.failed, result.binds), result.shared, result.millis);
		}
		long baseline = failed(failures, "test-socket-utils");
		System.out.printf("reserved-port failed binds / test-socket-utils failed binds: %s%n",
				(baseline == 0) ? "n/a (no failures to compare)"
						: String.format("%.3f", (double) failed(failures, "reserved-port") / baseline));
	}

	private static long failed(Map<String, Long> failures, String strategy) {
		Long failed = failures.get(strategy);
		if (failed == null) {
			throw new IllegalStateException("The strategy " + strategy + " did not run");
		}
		return failed;
	}

	private static String percent(long part, long whole) {
		return String.format("(%.2f %%)", 100.0 * part / whole);
	}

	private static Result run(String strategy, int processes, int ports) throws Exception {
		List<Process> children = new ArrayList<>();
		try {
			for (int i = 0; i < processes; i++) {
				children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-cp", System.getProperty("java.class.path"), Picker.class.getName(), strategy,
						Integer.toString(ports))
					.redirectError(ProcessBuilder.Redirect.DISCARD)
					.start());
			}
			List<BufferedReader> outputs = new ArrayList<>();
			for (Process child : children) {
				BufferedReader out = new BufferedReader(
						new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
				expect(out, "READY");
				outputs.add(out);
			}
			long started = System.nanoTime();
			for (Process child : children) {
				OutputStream in = child.getOutputStream();
				in.write('\n');
				in.flush();
			}
			Map<Integer, Integer> owners = new HashMap<>();
			long binds = 0;
			long failed = 0;
			for (BufferedReader out : outputs) {
				String[] picked = expect(out, "PICKED ").substring(7).split(",");
				failed += Long.parseLong(expect(out, "FAILED ").substring(7));
				binds += picked.length;
				Arrays.stream(picked).map(Integer::valueOf).forEach((port) -> owners.merge(port, 1, Integer::sum));
			}
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			long shared = owners.values().stream().filter((count) -> count > 1).count();
			for (Process child : children) {
				child.getOutputStream().close();
				child.waitFor(30, TimeUnit.SECONDS);
			}
			return new Result(binds, failed, shared, millis);
		}
		finally {
			children.forEach(Process::destroyForcibly);
		}
	}

	private static String expect(BufferedReader out, String prefix) throws IOException {
		for (String line = out.readLine(); line != null; line = out.readLine()) {
			if (line.startsWith(prefix)) {
				return line;
			}
		}
		throw new IllegalStateException("a picker exited before printing " + prefix.trim());
	}

	private record Result(long binds, long failed, long shared, long millis) {
	}

	/** One process: pick every port, then bind them all and hold them until told. */
	static final class Picker {

		public static void main(String[] args) throws Exception {
			String strategy = args[0];
			int count = Integer.parseInt(args[1]);
			pick(strategy); // warm up the strategy's code (and JNA) before the common start
			System.out.println("READY");
			System.out.flush();
			System.in.read();
			int[] picked = new int[count];
			for (int i = 0; i < count; i++) {
				picked[i] = pick(strategy);
			}
			List<ServerSocketChannel> bound = new ArrayList<>();
			int failed = 0;
			for (int port : picked) {
				try {
					// The JDK's defaults, as a server that knows nothing of reservations binds.
					ServerSocketChannel channel = ServerSocketChannel.open();
					channel.bind(new InetSocketAddress(port));
					bound.add(channel);
				}
				catch (IOException ex) {
					failed++;
				}
			}
			System.out.println("PICKED " + Arrays.stream(picked).mapToObj(Integer::toString)
				.reduce((a, b) -> a + "," + b).orElse(""));
			System.out.println("FAILED " + failed);
			System.out.flush();
			while (System.in.read() != -1) {
				// hold the servers until the benchmark has every report
			}
			for (ServerSocketChannel channel : bound) {
				channel.close();
			}
		}

		private static int pick(String strategy) throws IOException {
			return switch (strategy) {
				case "test-socket-utils" -> testSocketUtilsStyle();
				case "bind-0-close" -> bindZeroAndClose();
				case "reserved-port" -> PortNumbers.take(Protocol.TCP, "the peer benchmark").port();
				default -> throw new IllegalArgumentException(strategy);
			};
		}

		/** What {@code TestSocketUtils.findAvailableTcpPort()} does: a random port that binds now. */
		private static int testSocketUtilsStyle() {
			for (int attempt = 0; attempt < 1000; attempt++) {
				int port = ThreadLocalRandom.current().nextInt(1024, 65536);
				try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("localhost"))) {
					return port;
				}
				catch (IOException ex) {
					// taken; try another
				}
			}
			throw new IllegalStateException("no free port found");
		}

		private static int bindZeroAndClose() throws IOException {
			try (ServerSocket socket = new ServerSocket(0)) {
				return socket.getLocalPort();
			}
		}

	}

}
