package io.portreservation.boot.autoconfigure.actuate;

import java.nio.channels.ServerSocketChannel;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import io.portreservation.BlockExhaustedException;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The endpoint, health, info and meters seen over HTTP from a running application with a
 * real Tomcat, with the actuator exposed as a user would expose it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=portreservations,health,info,metrics",
				"management.endpoint.health.show-details=always", "management.info.port-reservation.enabled=true",
				"management.health.port-reservation.low-water-mark=1",
				// The web server (Tomcat, as Jetty is excluded) stays out of the block here, so
				// the counts below are the test's own leases only.
				"spring.autoconfigure.exclude=io.portreservation.boot.autoconfigure.tomcat.TomcatPortReservationAutoConfiguration,"
						+ "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration" })
class PortReservationActuatorIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private PortAllocator allocator;

	@Test
	void endpointShouldShowEachBlockAndLease() throws Exception {
		PortReservation block = this.allocator.block();
		try (PortLease bound = this.allocator.lease("grpc"); PortLease unbound = this.allocator.lease("probe")) {
			ServerSocketChannel channel = bound.openServerSocketChannel(null, 0);
			assertThat(channel.isOpen()).isTrue();
			DocumentContext json = http().json("/actuator/portreservations", 200);
			assertThat(json.read("$.blocks", Map.class)).containsOnlyKeys("default");
			assertDefaultBlock(json, "$.blocks.default", block);
			assertThat(json.read("$.blocks.default.free", Integer.class)).isEqualTo(2);
			assertThat(json.read("$.blocks.default.leases.length()", Integer.class)).isEqualTo(2);
			assertThat(json.read("$.blocks.default.leases[0].port", Integer.class)).isEqualTo(bound.port());
			assertThat(json.read("$.blocks.default.leases[0].owner", String.class)).isEqualTo("grpc");
			assertThat(json.read("$.blocks.default.leases[0].bound", Boolean.class)).isTrue();
			assertThat(Instant.parse(json.read("$.blocks.default.leases[0].since", String.class)))
				.isBetween(block.acquiredAt(), Instant.now());
			assertThat(json.read("$.blocks.default.leases[1].port", Integer.class)).isEqualTo(unbound.port());
			assertThat(json.read("$.blocks.default.leases[1].owner", String.class)).isEqualTo("probe");
			assertThat(json.read("$.blocks.default.leases[1].bound", Boolean.class)).isFalse();
		}
	}

	@Test
	void endpointSelectorShouldShowOneBlockOr404() throws Exception {
		DocumentContext json = http().json("/actuator/portreservations/default", 200);
		assertDefaultBlock(json, "$", this.allocator.block());
		assertThat(json.read("$.leases", List.class)).isEmpty();
		assertThat(http().get("/actuator/portreservations/nope").statusCode()).isEqualTo(404);
	}

	@Test
	void healthShouldBeUpWithTheBlockInItsDetails() throws Exception {
		PortReservation block = this.allocator.block();
		DocumentContext json = http().json("/actuator/health/portReservation", 200);
		assertThat(json.read("$.status", String.class)).isEqualTo("UP");
		assertThat(json.read("$.details.blocks.default.ports", String.class))
			.isEqualTo(block.firstPort() + "-" + block.lastPort());
		assertThat(json.read("$.details.blocks.default.protocol", String.class)).isEqualTo("TCP");
		assertThat(json.read("$.details.blocks.default.valid", Boolean.class)).isTrue();
		assertThat(json.read("$.details.blocks.default.free", Integer.class)).isEqualTo(4);
		assertThat(json.read("$.details.blocks.default.leased", Integer.class)).isZero();
		assertThat(json.read("$.details.blocks.default.unboundLeases", List.class)).isEmpty();
		assertThat(json.read("$.details.lowWaterMark", Integer.class)).isEqualTo(1);
	}

	@Test
	void healthBelowTheLowWaterMarkShouldBeLowPortsAnsweredWith200() throws Exception {
		List<PortLease> all = List.of(this.allocator.lease("a"), this.allocator.lease("b"), this.allocator.lease("c"),
				this.allocator.lease("d"));
		try {
			DocumentContext component = http().json("/actuator/health/portReservation", 200);
			assertThat(component.read("$.status", String.class)).isEqualTo("LOW_PORTS");
			assertThat(component.read("$.details.blocks.default.free", Integer.class)).isZero();
			assertThat(http().json("/actuator/health", 200).read("$.status", String.class)).isEqualTo("UP");
		}
		finally {
			all.forEach(PortLease::close);
		}
		assertThat(http().json("/actuator/health/portReservation", 200).read("$.status", String.class))
			.isEqualTo("UP");
	}

	@Test
	@DirtiesContext
	void healthWhenTheBlockIsClosedUnderTheApplicationShouldBeDown() throws Exception {
		this.allocator.block().close();
		DocumentContext component = http().json("/actuator/health/portReservation", 503);
		assertThat(component.read("$.status", String.class)).isEqualTo("DOWN");
		assertThat(component.read("$.details.blocks.default.valid", Boolean.class)).isFalse();
		assertThat(http().json("/actuator/health", 503).read("$.status", String.class)).isEqualTo("DOWN");
	}

	@Test
	void infoShouldSummarizeTheBlock() throws Exception {
		PortReservation block = this.allocator.block();
		DocumentContext json = http().json("/actuator/info", 200);
		String path = "$.portReservation.default";
		assertThat(json.read(path + ".protocol", String.class)).isEqualTo("TCP");
		assertThat(json.read(path + ".firstPort", Integer.class)).isEqualTo(block.firstPort());
		assertThat(json.read(path + ".lastPort", Integer.class)).isEqualTo(block.lastPort());
		assertThat(json.read(path + ".count", Integer.class)).isEqualTo(4);
		assertThat(json.read(path + ".free", Integer.class)).isEqualTo(4);
		assertThat(json.read(path + ".backend", String.class)).isEqualTo("held-socket");
		assertThat(json.read(path + ".valid", Boolean.class)).isTrue();
	}

	@Test
	void metricsShouldFollowLeasesFailuresAndAcquisition() throws Exception {
		try (PortLease lease = this.allocator.lease("grpc")) {
			assertThat(metric("port.reservation.ports?tag=block:default&tag=state:free", "VALUE")).isEqualTo(3);
			assertThat(metric("port.reservation.ports?tag=block:default&tag=state:leased", "VALUE")).isEqualTo(1);
		}
		double failuresBefore = metric("port.reservation.allocation.failures?tag=block:default", "COUNT");
		List<PortLease> all = List.of(this.allocator.lease("a"), this.allocator.lease("b"), this.allocator.lease("c"),
				this.allocator.lease("d"));
		try {
			assertThatExceptionOfType(BlockExhaustedException.class).isThrownBy(() -> this.allocator.lease("e"));
		}
		finally {
			all.forEach(PortLease::close);
		}
		assertThat(metric("port.reservation.allocation.failures?tag=block:default", "COUNT"))
			.isEqualTo(failuresBefore + 1);
		assertThat(metric("port.reservation.acquire?tag=backend:held-socket", "COUNT")).isEqualTo(1);
		assertThat(metric("port.reservation.acquire?tag=backend:held-socket", "TOTAL_TIME")).isPositive();
	}

	private double metric(String nameAndTags, String statistic) throws Exception {
		DocumentContext json = http().json("/actuator/metrics/" + nameAndTags, 200);
		List<Double> values = json.read("$.measurements[?(@.statistic == '" + statistic + "')].value");
		assertThat(values).hasSize(1);
		return values.get(0);
	}

	private static void assertDefaultBlock(DocumentContext json, String path, PortReservation block) {
		assertThat(json.read(path + ".name", String.class)).isEqualTo("default");
		assertThat(json.read(path + ".protocol", String.class)).isEqualTo("TCP");
		assertThat(json.read(path + ".firstPort", Integer.class)).isEqualTo(block.firstPort());
		assertThat(json.read(path + ".lastPort", Integer.class)).isEqualTo(block.lastPort());
		assertThat(json.read(path + ".count", Integer.class)).isEqualTo(4);
		assertThat(json.read(path + ".backend", String.class)).isEqualTo("held-socket");
		assertThat(Instant.parse(json.read(path + ".acquiredAt", String.class))).isEqualTo(block.acquiredAt());
		assertThat(json.read(path + ".valid", Boolean.class)).isTrue();
		assertThat(json.read(path, Map.class)).doesNotContainKey("token");
	}

	private ActuatorHttp http() {
		return new ActuatorHttp(this.port);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(TestAllocatorConfiguration.class)
	static class ActuatorApplication {

	}

}
