package io.portreservation.heldsocket;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints, from one run, what the first reservation of 16 TCP ports costs in a fresh JVM
 * against binding the same 16 ports with plain JDK channels in another fresh JVM: with
 * {@value DescriptorChannels#FLAG} (the JDK's natives) and without it (JNA). Not a test:
 * run it with <pre>
 * ./mvnw -q -pl reservation-test-fixtures,reservation-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.portreservation.heldsocket.FirstReservationBenchmark
 * </pre> ({@code -Dexec.args=21} for more pairs).
 */
public final class FirstReservationBenchmark {

	private FirstReservationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int pairs = (args.length > 0) ? Integer.parseInt(args[0]) : 11;
		System.out.printf("%nJava %s, %s %s, %d cores, load average %.1f%n%n", System.getProperty("java.version"),
				System.getProperty("os.name"), System.getProperty("os.version"),
				Runtime.getRuntime().availableProcessors(),
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		System.out.printf("| first reservation of 16 TCP ports, fresh JVMs (%d pairs) | socket calls | reserve(anyBlock"
				+ "(TCP, 16)), median | 16 JDK SocketChannel binds, median | median ratio | min - max ratio |%n",
				pairs);
		System.out.println("|---|---|---|---|---|---|");
		List<String> flag = List.of("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");
		row("with " + DescriptorChannels.FLAG, flag, pairs);
		row("without it", List.of(), pairs);
		System.out.printf("%nload average afterwards %.1f%n",
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	private static void row(String name, List<String> options, int pairs) throws Exception {
		// also warms the page cache for both
		String calls = StartupProbe.callsUsed(options);
		List<long[]> runs = StartupProbe.measure(pairs, options);
		List<Double> ratios = new ArrayList<>();
		for (long[] run : runs) {
			ratios.add((double) run[0] / run[1]);
		}
		List<Double> sorted = ratios.stream().sorted().toList();
		System.out.printf("| %s | %s | %.1f ms | %.1f ms | **%.2f×** | %.2f - %.2f |%n", name, calls,
				median(runs.stream().map((run) -> run[0]).toList()),
				median(runs.stream().map((run) -> run[1]).toList()), sorted.get(sorted.size() / 2), sorted.get(0),
				sorted.get(sorted.size() - 1));
	}

	private static double median(List<Long> nanos) {
		List<Long> sorted = nanos.stream().sorted().toList();
		return sorted.get(sorted.size() / 2) / 1e6;
	}

}
