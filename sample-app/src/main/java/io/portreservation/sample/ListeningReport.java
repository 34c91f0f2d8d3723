package io.portreservation.sample;

import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Prints where the sample listens once it is ready.
 */
@Component
class ListeningReport {

	private static final Log logger = LogFactory.getLog(ListeningReport.class);

	private final Environment environment;

	private final PortAllocator allocator;

	private final UdpEchoService echo;

	ListeningReport(Environment environment, PortAllocator allocator, UdpEchoService echo) {
		this.environment = environment;
		this.allocator = allocator;
		this.echo = echo;
	}

	@EventListener(ApplicationReadyEvent.class)
	void report() {
		String serverPort = this.environment.getProperty("local.server.port", "?");
		String managementPort = this.environment.getProperty("local.management.port", serverPort);
		StringBuilder report = new StringBuilder("Port reservation sample is listening:");
		this.allocator.blocks().forEach((name, block) -> report.append(describe(name, block)));
		report.append(line("page", "http://localhost:" + serverPort + "/"));
		report.append(line("actuator", "http://localhost:" + managementPort + "/actuator/portreservations"));
		report.append(line("health", "http://localhost:" + managementPort + "/actuator/health"));
		report.append(line("info", "http://localhost:" + managementPort + "/actuator/info"));
		report.append(line("UDP echo", "127.0.0.1:" + this.echo.getPort()));
		logger.info(report);
	}

	private static String describe(String name, PortReservation block) {
		return line("block " + name,
				block.protocol() + " " + block.firstPort() + "-" + block.lastPort() + " (" + block.backend() + ")");
	}

	private static String line(String what, String where) {
		return String.format("%n  %-15s %s", what, where);
	}

}
