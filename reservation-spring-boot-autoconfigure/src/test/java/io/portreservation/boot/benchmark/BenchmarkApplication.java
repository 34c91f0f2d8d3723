package io.portreservation.boot.benchmark;

import java.lang.management.ManagementFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small web application (Tomcat, Spring MVC, Actuator with its own management port)
 * that prints how long the JVM took to be ready (wall-clock uptime and CPU time of all
 * its threads), then exits. {@link StartupBenchmark} starts it with and without the
 * starter on its class path.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(BenchmarkApplication.Hello.class)
public class BenchmarkApplication {

	/**
	 * Start, report the JVM's uptime when ready, stop.
	 * @param args application arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BenchmarkApplication.class);
		application.addListeners((ApplicationReadyEvent event) -> System.out
			.println("READY " + ManagementFactory.getRuntimeMXBean().getUptime() + " " + cpuMillis()));
		ConfigurableApplicationContext context = application.run(args);
		System.out.println("STARTER " + context.containsBean("portAllocator"));
		context.close();
	}

	private static long cpuMillis() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1_000_000;
	}

	@RestController
	static class Hello {

		@GetMapping("/")
		String hello() {
			return "hello";
		}

	}

}
