package io.portreservation.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.portreservation.testfixtures.ChildJvm;
import io.portreservation.testfixtures.JvmLaunch;

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
 * from {@code main} until its last bind; the mean of two runs, one with the strategies in
 * their order and one in the reverse.</li>
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
		System.out
			.printf("| strategy | binds | failed binds | ports in >1 process | warm wall ms | cold wall ms, mean of 2 "
					+ "| cold, median in-JVM ms, mean of 2 |%n|---|---|---|---|---|---|---|%n");
		Map<String, Result> warm = new HashMap<>();
		for (String strategy : STRATEGIES) {
			warm.put(strategy, run(strategy, processes, ports, false));
		}
		// cold runs twice, in one order and then in the reverse, so that what one run
		// leaves behind on the machine weighs on every strategy alike
		List<String> coldOrder = new ArrayList<>(STRATEGIES);
		List<String> reversed = new ArrayList<>(STRATEGIES);
		Collections.reverse(reversed);
		coldOrder.addAll(reversed);
		Map<String, Result> results = new HashMap<>();
		for (String strategy : coldOrder) {
			results.merge(strategy, run(strategy, processes, ports, true), Result::plus);
		}
		for (String strategy : STRATEGIES) {
			Result hot = Objects.requireNonNull(warm.get(strategy));
			Result cold = Objects.requireNonNull(results.get(strategy));
			System.out.printf("| %s | %d | %d %s | %d | %d | %d | %d |%n", strategy, hot.binds + cold.binds,
					hot.failed + cold.failed, percent(hot.failed + cold.failed, hot.binds + cold.binds),
					hot.shared + cold.shared, hot.millis, cold.millis / 2, cold.medianInJvm / 2);
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
		List<ChildJvm> children = new ArrayList<>();
		try {
			long started = System.nanoTime();
			for (int i = 0; i < processes; i++) {
				JvmLaunch launch = ChildJvm.launch(PeerPicker.class)
					.standardJvm()
					.discardStderr()
					.args(strategy, Integer.toString(ports), cold ? "cold" : "warm");
				if (!strategy.equals("held-block-jna")) {
					launch.jvmArgs("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");
				}
				children.add(launch.start());
			}
			if (!cold) {
				for (ChildJvm child : children) {
					expect(child, "READY");
				}
				started = System.nanoTime();
				for (ChildJvm child : children) {
					child.send("");
				}
			}
			Map<Integer, Integer> owners = new HashMap<>();
			List<Long> inJvm = new ArrayList<>();
			long binds = 0;
			long failed = 0;
			for (ChildJvm child : children) {
				String[] picked = expect(child, "PICKED ").substring(7).split(",");
				failed += Long.parseLong(expect(child, "FAILED ").substring(7));
				inJvm.add(Long.parseLong(expect(child, "MILLIS ").substring(7)));
				binds += picked.length;
				Arrays.stream(picked).map(Integer::valueOf).forEach((port) -> owners.merge(port, 1, Integer::sum));
			}
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			long shared = owners.values().stream().filter((count) -> count > 1).count();
			for (ChildJvm child : children) {
				child.process().getOutputStream().close();
				child.finish(Duration.ofSeconds(30));
			}
			long median = inJvm.stream().sorted().toList().get(inJvm.size() / 2);
			return new Result(binds, failed, shared, millis, median);
		}
		finally {
			for (ChildJvm child : children) {
				child.close();
			}
		}
	}

	/**
	 * The picker's next line that starts with {@code prefix}, waiting at most 60 s for
	 * each line.
	 */
	private static String expect(ChildJvm child, String prefix) throws InterruptedException {
		while (true) {
			String line = child.nextLine(Duration.ofSeconds(60));
			if (line.startsWith(prefix)) {
				return line;
			}
		}
	}

	private record Result(long binds, long failed, long shared, long millis, long medianInJvm) {

		Result plus(Result other) {
			return new Result(this.binds + other.binds, this.failed + other.failed, this.shared + other.shared,
					this.millis + other.millis, this.medianInJvm + other.medianInJvm);
		}

	}

}
