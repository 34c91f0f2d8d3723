package io.portreservation.boot.web;

import io.portreservation.LeaseInfo;
import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.testsupport.Http;
import io.portreservation.boot.testsupport.TestServer;
import io.portreservation.testfixtures.PortThief;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} with its own management
 * port sees with the starter, on one real server: both servers in the block, answering,
 * reported by {@code @LocalServerPort}, {@code @LocalManagementPort} and
 * {@code WebServer.getPort()}, and a second process unable to take any port of the block.
 */
abstract class AbstractManagementPortIntegrationTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	PortAllocator allocator;

	@Autowired
	WebServerApplicationContext context;

	@Autowired
	Environment environment;

	@Test
	void serverAndManagementServerServeOnPortsOfTheBlock() {
		PortReservation block = this.allocator.block();
		assertThat(this.port).isBetween(block.firstPort(), block.lastPort());
		assertThat(this.managementPort).isBetween(block.firstPort(), block.lastPort()).isNotEqualTo(this.port);
		assertThat(TestServer.webServer(this.context).getPort()).isEqualTo(this.port);
		assertThat(Http.get(this.port, "/hello")).containsPattern("^HTTP/1\\.[01] 200")
			.endsWith("hello from the block");
		assertThat(Http.get(this.managementPort, "/actuator/health")).containsPattern("^HTTP/1\\.[01] 200")
			.contains("\"UP\"");
		assertThat(block.leases()).extracting(LeaseInfo::port)
			.containsExactlyInAnyOrder(this.port, this.managementPort);
		assertThat(block.leases()).allMatch(LeaseInfo::bound);
	}

	@Test
	void blockPortsArePublishedInTheEnvironment() {
		PortReservation block = this.allocator.block();
		assertThat(this.environment.getProperty("local.port-reservation.default.first-port", Integer.class))
			.isEqualTo(block.firstPort());
		assertThat(this.environment.getProperty("local.port-reservation.default.last-port", Integer.class))
			.isEqualTo(block.lastPort());
	}

	@Test
	void secondProcessCannotTakeAnyPortOfTheBlockWhileBothServersRun() {
		PortReservation block = this.allocator.block();
		assertThat(PortThief.steal(block.firstPort(), block.lastPort())).isEmpty();
	}

}
