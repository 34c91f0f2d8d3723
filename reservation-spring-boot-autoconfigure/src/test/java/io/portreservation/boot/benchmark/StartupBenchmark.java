package io.portreservation.boot.benchmark;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Startup overhead of the starter: starts {@link BenchmarkApplication} in a fresh JVM
 * with the starter on its class path and without it, alternating which goes first in
 * each pair, and prints every pair and the median ratio with its spread. A benchmark, not
 * a test: it asserts nothing.
 *
 * <p>Run it with {@code ./mvnw -B -q -pl reservation-core,reservation-spring-boot-autoconfigure
 * -Pstartup-benchmark -DskipTests verify} (pairs: {@code -Dbenchmark.pairs=30}).
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
		List<Double> ratios = new ArrayList<>();
		List<Long> with = new ArrayList<>();
		List<Long> without = new ArrayList<>();
		System.out.printf("%-6s %12s %12s %8s%n", "pair", "with (ms)", "without (ms)", "ratio");
		for (int pair = 1; pair <= pairs; pair++) {
			long withMillis;
			long withoutMillis;
			if (pair % 2 == 1) {
				withMillis = run(withStarter, true);
				withoutMillis = run(withoutStarter, false);
			}
			else {
				withoutMillis = run(withoutStarter, false);
				withMillis = run(withStarter, true);
			}
			double ratio = (double) withMillis / withoutMillis;
			with.add(withMillis);
			without.add(withoutMillis);
			ratios.add(ratio);
			System.out.printf("%-6d %12d %12d %8.3f%n", pair, withMillis, withoutMillis, ratio);
		}
		System.out.printf("%nmedian startup: with %d ms, without %d ms%n", median(with), median(without));
		System.out.printf("median ratio %.3f  (p25 %.3f, p75 %.3f, min %.3f, max %.3f, %d pairs)%n", quantile(ratios, 0.5),
				quantile(ratios, 0.25), quantile(ratios, 0.75), quantile(ratios, 0), quantile(ratios, 1), pairs);
	}

	private static boolean isStarter(String entry) {
		String path = Path.of(entry).toString();
		return path.contains("reservation-spring-boot-autoconfigure" + File.separator + "target" + File.separator
				+ "classes") || path.contains("reservation-core") || path.contains(File.separator + "jna");
	}

	private static long run(String classPath, boolean starter) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", classPath, BenchmarkApplication.class.getName(), "--server.port=0", "--management.server.port=0",
				"--spring.main.banner-mode=off", "--logging.level.root=warn",
				"--spring.autoconfigure.exclude=" + String.join(",", EXCLUDED_SERVERS)));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			long ready = -1;
			String starterLine = null;
			List<String> output = new ArrayList<>();
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					output.add(line);
					if (line.startsWith("READY ")) {
						ready = Long.parseLong(line.substring(6).trim());
					}
					else if (line.startsWith("STARTER ")) {
						starterLine = line;
					}
				}
			}
			if (!process.waitFor(60, TimeUnit.SECONDS) || ready < 0
					|| !("STARTER " + starter).equals(starterLine)) {
				throw new IllegalStateException("run failed (starter " + starter + "):\n" + String.join("\n", output));
			}
			return ready;
		}
		finally {
			process.destroyForcibly();
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
