package io.portreservation.boot.benchmark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.portreservation.testfixtures.ChildJvm;

/**
 * Startup overhead of the starter: starts {@link BenchmarkApplication} in a fresh JVM
 * with the starter on its class path and without it, alternating which goes first in each
 * pair, and prints every pair and the median ratio with its spread, for the wall-clock
 * time to ready and for the CPU time the JVM spent until then (the steadier of the two on
 * a shared machine). A benchmark, not a test: it asserts nothing.
 *
 * <p>
 * Run it with {@code ./mvnw -B -q -pl
 * reservation-test-fixtures,reservation-core,reservation-spring-boot-autoconfigure -Pstartup-benchmark -DskipTests
 * verify} (pairs: {@code -Dbenchmark.pairs=30}).
 */
public final class StartupBenchmark {

	private static final String[] EXCLUDED_SERVERS = {
			"org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration",
			"org.springframework.boot.jetty.autoconfigure.actuate.web.server.JettyServletManagementContextAutoConfiguration" };

	private StartupBenchmark() {
	}

	/**
	 * Run the benchmark.
	 * @param args the number of pairs (default 20)
	 * @throws Exception if a run fails
	 */
	public static void main(String[] args) throws Exception {
		int pairs = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		String withStarter = System.getProperty("java.class.path");
		String withoutStarter = Arrays.stream(withStarter.split(File.pathSeparator))
			.filter((entry) -> !isStarter(entry))
			.collect(Collectors.joining(File.pathSeparator));
		// One unmeasured run of each warms the page cache and the JIT-independent parts.
		run(withStarter, true);
		run(withoutStarter, false);
		List<Double> wallRatios = new ArrayList<>();
		List<Double> cpuRatios = new ArrayList<>();
		List<Long> wallWith = new ArrayList<>();
		List<Long> wallWithout = new ArrayList<>();
		List<Long> cpuWith = new ArrayList<>();
		List<Long> cpuWithout = new ArrayList<>();
		System.out.printf("%-5s %10s %10s %7s   %10s %10s %7s%n", "pair", "wall with", "without", "ratio", "cpu with",
				"without", "ratio");
		for (int pair = 1; pair <= pairs; pair++) {
			long[] with;
			long[] without;
			if (pair % 2 == 1) {
				with = run(withStarter, true);
				without = run(withoutStarter, false);
			}
			else {
				without = run(withoutStarter, false);
				with = run(withStarter, true);
			}
			wallWith.add(with[0]);
			wallWithout.add(without[0]);
			cpuWith.add(with[1]);
			cpuWithout.add(without[1]);
			wallRatios.add((double) with[0] / without[0]);
			cpuRatios.add((double) with[1] / without[1]);
			System.out.printf("%-5d %10d %10d %7.3f   %10d %10d %7.3f%n", pair, with[0], without[0],
					(double) with[0] / without[0], with[1], without[1], (double) with[1] / without[1]);
		}
		System.out.printf("%nmedian time to ready: wall with %d ms, without %d ms; CPU with %d ms, without %d ms%n",
				median(wallWith), median(wallWithout), median(cpuWith), median(cpuWithout));
		report("wall-clock", wallRatios);
		report("CPU time", cpuRatios);
	}

	private static void report(String what, List<Double> ratios) {
		System.out.printf("%-10s median ratio %.3f  (p25 %.3f, p75 %.3f, min %.3f, max %.3f, %d pairs)%n", what,
				quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75), quantile(ratios, 0),
				quantile(ratios, 1), ratios.size());
	}

	private static boolean isStarter(String entry) {
		String path = Path.of(entry).toString();
		return path
			.contains("reservation-spring-boot-autoconfigure" + File.separator + "target" + File.separator + "classes")
				|| path.contains("reservation-core") || path.contains(File.separator + "jna");
	}

	private static long[] run(String classPath, boolean starter) throws IOException, InterruptedException {
		try (ChildJvm child = ChildJvm.launch(BenchmarkApplication.class)
			.standardJvm()
			.mergeStderr()
			.classpath(classPath)
			// DevTools is on the test class path: no restart class loader, no LiveReload
			.jvmArgs("-Dspring.devtools.restart.enabled=false")
			.args("--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
					"--logging.level.root=warn", "--spring.autoconfigure.exclude=" + String.join(",", EXCLUDED_SERVERS))
			.start()) {
			long[] ready = null;
			String starterLine = null;
			List<String> output = child.finish(Duration.ofSeconds(60));
			for (String line : output) {
				if (line.startsWith("READY ")) {
					String[] fields = line.substring(6).trim().split(" ");
					ready = new long[] { Long.parseLong(fields[0]), Long.parseLong(fields[1]) };
				}
				else if (line.startsWith("STARTER ")) {
					starterLine = line;
				}
			}
			if (ready == null || !("STARTER " + starter).equals(starterLine)) {
				throw new IllegalStateException("run failed (starter " + starter + "):\n" + String.join("\n", output));
			}
			return ready;
		}
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static double quantile(List<Double> values, double q) {
		List<Double> sorted = values.stream().sorted().toList();
		double index = q * (sorted.size() - 1);
		int low = (int) Math.floor(index);
		int high = (int) Math.ceil(index);
		return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (index - low);
	}

}
