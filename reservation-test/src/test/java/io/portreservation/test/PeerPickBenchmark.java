package io.portreservation.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Peer benchmark (not a test): N processes start together, each picks P port numbers with
 * one strategy and then binds them all, as test JVMs that publish ports at startup and
 * start their servers later do (see {@link PeerPicker}). Printed per strategy, from one
 * run: binds that failed, ports handed to more than one process, and two wall times:
 * <ul>
 * <li>warm: the processes have run the strategy's code once, then all start picking on
 * one signal; from the signal until every process has bound everything;</li>
 * <li>cold: fresh JVMs, from starting the first until every process has bound everything
 * (JVM start, class loading, native set-up and all), plus the median time inside each JVM
 * from {@code main} until its last bind.</li>
 * </ul>
 * The held-block strategies reserve one wildcard block of P ports through the held-socket
 * backend and serve on every port through its lease: {@code held-block} with
 * {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED} (the JDK's natives), {@code
 * held-block-jna} without (JNA). Every other strategy's JVMs get the flag too.
 *
 * <p>
 * Run:
 * {@code ./mvnw -B -q -pl reservation-test-fixtures,reservation-core,reservation-test -Ppeer-benchmark -DskipTests verify}
 * (arguments: processes, ports per process).
 */
public final class PeerPickBenchmark {

	private static final List<String> STRATEGIES = List.of("test-socket-utils", "bind-0-close", "reserved-port",
			"held-block", "held-block-jna");

	private PeerPickBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int processes = (args.length > 0) ? Integer.parseInt(args[0]) : 32;
		int ports = (args.length > 1) ? Integer.parseInt(args[1]) : 64;
		System.out.printf("Java %s, %d cores, load average %.1f; %d processes x %d ports, picked then bound%n",
				System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
				java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), processes,
				ports);
		System.out.printf("| strategy | binds | failed binds | ports in >1 process | warm wall ms | cold wall ms "
				+ "| cold, median in-JVM ms |%n|---|---|---|---|---|---|---|%n");
		Map<String, Result> results = new HashMap<>();
		for (String strategy : STRATEGIES) {
			Result warm = run(strategy, processes, ports, false);
			Result cold = run(strategy, processes, ports, true);
			results.put(strategy, cold);
			System.out.printf("| %s | %d | %d %s | %d | %d | %d | %d |%n", strategy, warm.binds + cold.binds,
					warm.failed + cold.failed, percent(warm.failed + cold.failed, warm.binds + cold.binds),
					warm.shared + cold.shared, warm.millis, cold.millis, cold.medianInJvm);
		}
		Result baseline = Objects.requireNonNull(results.get("test-socket-utils"));
		for (String strategy : List.of("held-block", "held-block-jna")) {
			Result held = Objects.requireNonNull(results.get(strategy));
			System.out.printf("%s / test-socket-utils, cold wall: %.2f; median in-JVM: %.2f%n", strategy,
					(double) held.millis / baseline.millis, (double) held.medianInJvm / baseline.medianInJvm);
		}
		System.out.printf("load average afterwards %.1f%n",
				java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	private static String percent(long part, long whole) {
		return String.format("(%.2f %%)", 100.0 * part / whole);
	}

	private static Result run(String strategy, int processes, int ports, boolean cold) throws Exception {
		List<Process> children = new ArrayList<>();
		try {
			long started = System.nanoTime();
			for (int i = 0; i < processes; i++) {
				children.add(new ProcessBuilder(command(strategy, ports, cold))
					.redirectError(ProcessBuilder.Redirect.DISCARD)
					.start());
			}
			List<BufferedReader> outputs = new ArrayList<>();
			for (Process child : children) {
				BufferedReader out = new BufferedReader(
						new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
				if (!cold) {
					expect(out, "READY");
				}
				outputs.add(out);
			}
			if (!cold) {
				started = System.nanoTime();
				for (Process child : children) {
					OutputStream in = child.getOutputStream();
					in.write('\n');
					in.flush();
				}
			}
			Map<Integer, Integer> owners = new HashMap<>();
			List<Long> inJvm = new ArrayList<>();
			long binds = 0;
			long failed = 0;
			for (BufferedReader out : outputs) {
				String[] picked = expect(out, "PICKED ").substring(7).split(",");
				failed += Long.parseLong(expect(out, "FAILED ").substring(7));
				inJvm.add(Long.parseLong(expect(out, "MILLIS ").substring(7)));
				binds += picked.length;
				Arrays.stream(picked).map(Integer::valueOf).forEach((port) -> owners.merge(port, 1, Integer::sum));
			}
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			long shared = owners.values().stream().filter((count) -> count > 1).count();
			for (Process child : children) {
				child.getOutputStream().close();
				child.waitFor(30, TimeUnit.SECONDS);
			}
			long median = inJvm.stream().sorted().toList().get(inJvm.size() / 2);
			return new Result(binds, failed, shared, millis, median);
		}
		finally {
			children.forEach(Process::destroyForcibly);
		}
	}

	private static List<String> command(String strategy, int ports, boolean cold) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (!strategy.equals("held-block-jna")) {
			command.addAll(List.of("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"));
		}
		if (Runtime.version().feature() >= 22) {
			// JNA's library load, without a warning
			command.add("--enable-native-access=ALL-UNNAMED");
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), PeerPicker.class.getName(), strategy,
				Integer.toString(ports), cold ? "cold" : "warm"));
		return command;
	}

	private static String expect(BufferedReader out, String prefix) throws IOException {
		for (String line = out.readLine(); line != null; line = out.readLine()) {
			if (line.startsWith(prefix)) {
				return line;
			}
		}
		throw new IllegalStateException("a picker exited before printing " + prefix.trim());
	}

	private record Result(long binds, long failed, long shared, long millis, long medianInJvm) {
	}

}
