package io.portreservation.boot.grpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.grpc.BindableService;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * What serving through a lease costs a gRPC server start: two applications in one JVM,
 * one whose server binds through the reservation and one with the reservation disabled (a
 * plain bind of port 0), each server stopped and started again in turn; prints the median
 * time of a start (build, bind, listen) for each and their ratio. A benchmark, not a
 * test: it asserts nothing.
 *
 * <p>
 * Run it from the repository's root with
 * {@code ./mvnw -B -q -pl reservation-spring-boot-autoconfigure -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test}, then, in
 * {@code reservation-spring-boot-autoconfigure},
 * {@code java -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)"
 * io.portreservation.boot.grpc.GrpcRestartBenchmark 200}.
 */
public final class GrpcRestartBenchmark {

	private GrpcRestartBenchmark() {
	}

	/**
	 * Run the benchmark.
	 * @param args the number of restarts of each server (default 200)
	 */
	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 200;
		try (ConfigurableApplicationContext reserved = start(true);
				ConfigurableApplicationContext plain = start(false)) {
			GrpcServerLifecycle withLease = reserved.getBean(GrpcServerLifecycle.class);
			GrpcServerLifecycle withoutLease = plain.getBean(GrpcServerLifecycle.class);
			for (int warmUp = 0; warmUp < 20; warmUp++) {
				restart(withLease);
				restart(withoutLease);
			}
			List<Long> with = new ArrayList<>();
			List<Long> without = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				if (round % 2 == 0) {
					with.add(restart(withLease));
					without.add(restart(withoutLease));
				}
				else {
					without.add(restart(withoutLease));
					with.add(restart(withLease));
				}
			}
			double medianWith = median(with) / 1000.0;
			double medianWithout = median(without) / 1000.0;
			System.out.printf(
					"gRPC server start, median of %d: through the lease %.0f us, plain bind %.0f us, " + "ratio %.2f%n",
					rounds, medianWith, medianWithout, medianWith / medianWithout);
		}
	}

	private static ConfigurableApplicationContext start(boolean reservation) {
		return new SpringApplicationBuilder(BenchmarkGrpcApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn", "spring.grpc.server.port=0",
					"spring.grpc.server.shutdown.grace-period=0s", "port-reservation.port-count=2",
					"port-reservation.enabled=" + reservation)
			.run();
	}

	private static long restart(GrpcServerLifecycle lifecycle) {
		lifecycle.stop();
		long started = System.nanoTime();
		lifecycle.start();
		return System.nanoTime() - started;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	/** An application with one gRPC service and nothing else. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class BenchmarkGrpcApplication {

		@Bean
		BindableService echoService() {
			return EchoGrpc.service();
		}

	}

}
