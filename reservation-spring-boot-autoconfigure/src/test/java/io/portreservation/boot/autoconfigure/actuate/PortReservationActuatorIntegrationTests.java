package io.portreservation.boot.autoconfigure.actuate;

import java.nio.channels.ServerSocketChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import io.portreservation.BlockExhaustedException;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.actuate.TestAllocators;
import io.portreservation.boot.testsupport.TestServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The endpoint, health, info and meters seen over HTTP from a running application whose
 * web server took its port from the block, with the actuator exposed as a user would
 * expose it. The context is closed after the class, so no server outlives it.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", TestServer.Excludes.TOMCAT_SERVLET,
				"port-reservation.port-count=4", "port-reservation.blocks.media.port-count=2",
				"management.endpoints.web.exposure.include=portreservations,health,info,metrics",
				"management.endpoint.health.show-details=always", "management.info.port-reservation.enabled=true",
				"management.health.port-reservation.low-water-mark=1" })
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
			assertThat(json.read("$.blocks", Map.class)).containsOnlyKeys("default", "media");
			assertDefaultBlock(json, "$.blocks.default", block);
			assertThat(json.read("$.blocks.default.free", Integer.class)).isEqualTo(1);
			assertThat(json.read("$.blocks.default.leases.length()", Integer.class)).isEqualTo(3);
			Map<String, Object> server = lease(json, "$.blocks.default", this.port);
			assertThat((String) server.get("owner")).endsWith("(server.port)");
			assertThat(server.get("bound")).isEqualTo(true);
			Map<String, Object> grpc = lease(json, "$.blocks.default", bound.port());
			assertThat(grpc).containsEntry("owner", "grpc").containsEntry("bound", true);
			assertThat(Instant.parse((String) grpc.get("since"))).isBetween(block.acquiredAt(), Instant.now());
			assertThat(lease(json, "$.blocks.default", unbound.port())).containsEntry("owner", "probe")
				.containsEntry("bound", false);
			assertThat(json.read("$.blocks.media.count", Integer.class)).isEqualTo(2);
			assertThat(json.read("$.blocks.media.leases", List.class)).isEmpty();
		}
	}

	@Test
	void endpointSelectorShouldShowOneBlockOr404() throws Exception {
		DocumentContext json = http().json("/actuator/portreservations/default", 200);
		assertDefaultBlock(json, "$", this.allocator.block());
		assertThat(json.read("$.leases[*].port", List.class)).containsExactly(this.port);
		assertThat(http().json("/actuator/portreservations/media", 200).read("$.name", String.class))
			.isEqualTo("media");
		assertThat(http().get("/actuator/portreservations/nope").statusCode()).isEqualTo(404);
	}

	@Test
	void healthShouldBeUpWithTheBlocksInItsDetails() throws Exception {
		PortReservation block = this.allocator.block();
		DocumentContext json = http().json("/actuator/health/portReservation", 200);
		assertThat(json.read("$.status", String.class)).isEqualTo("UP");
		assertThat(json.read("$.details.blocks.default.ports", String.class))
			.isEqualTo(block.firstPort() + "-" + block.lastPort());
		assertThat(json.read("$.details.blocks.default.protocol", String.class)).isEqualTo("TCP");
		assertThat(json.read("$.details.blocks.default.valid", Boolean.class)).isTrue();
		assertThat(json.read("$.details.blocks.default.free", Integer.class)).isEqualTo(3);
		assertThat(json.read("$.details.blocks.default.leased", Integer.class)).isEqualTo(1);
		assertThat(json.read("$.details.blocks.default.unboundLeases", List.class)).isEmpty();
		assertThat(json.read("$.details.blocks.media.free", Integer.class)).isEqualTo(2);
		assertThat(json.read("$.details.lowWaterMark", Integer.class)).isEqualTo(1);
	}

	@Test
	void healthWhenALeasedServerSocketIsNoLongerBoundShouldBeDown() throws Exception {
		try (PortLease lease = this.allocator.lease("grpc")) {
			ServerSocketChannel channel = lease.openServerSocketChannel(null, 0);
			assertThat(http().json("/actuator/health/portReservation", 200).read("$.status", String.class))
				.isEqualTo("UP");
			channel.close();
			DocumentContext component = http().json("/actuator/health/portReservation", 503);
			assertThat(component.read("$.status", String.class)).isEqualTo("DOWN");
			assertThat(component.read("$.details.blocks.default.unboundLeases", List.class))
				.containsExactly(lease.port());
			assertThat(http().json("/actuator/health", 503).read("$.status", String.class)).isEqualTo("DOWN");
		}
		assertThat(http().json("/actuator/health/portReservation", 200).read("$.status", String.class)).isEqualTo("UP");
	}

	@Test
	@DirtiesContext
	void healthWhenABlockIsClosedUnderTheApplicationShouldBeDown() throws Exception {
		this.allocator.block("media").close();
		DocumentContext component = http().json("/actuator/health/portReservation", 503);
		assertThat(component.read("$.status", String.class)).isEqualTo("DOWN");
		assertThat(component.read("$.details.blocks.media.valid", Boolean.class)).isFalse();
		assertThat(component.read("$.details.blocks.default.valid", Boolean.class)).isTrue();
		assertThat(http().json("/actuator/health", 503).read("$.status", String.class)).isEqualTo("DOWN");
		assertThat(http().json("/actuator/portreservations/media", 200).read("$.valid", Boolean.class)).isFalse();
	}

	@Test
	void healthBelowTheLowWaterMarkShouldBeLowPortsAnsweredWith200() throws Exception {
		List<PortLease> rest = leaseAllFree();
		try {
			DocumentContext component = http().json("/actuator/health/portReservation", 200);
			assertThat(component.read("$.status", String.class)).isEqualTo("LOW_PORTS");
			assertThat(component.read("$.details.blocks.default.free", Integer.class)).isZero();
			assertThat(http().json("/actuator/health", 200).read("$.status", String.class)).isEqualTo("UP");
		}
		finally {
			rest.forEach(PortLease::close);
		}
		assertThat(http().json("/actuator/health/portReservation", 200).read("$.status", String.class)).isEqualTo("UP");
	}

	@Test
	void infoShouldSummarizeEachBlock() throws Exception {
		PortReservation block = this.allocator.block();
		DocumentContext json = http().json("/actuator/info", 200);
		String path = "$.portReservation.default";
		assertThat(json.read(path + ".protocol", String.class)).isEqualTo("TCP");
		assertThat(json.read(path + ".firstPort", Integer.class)).isEqualTo(block.firstPort());
		assertThat(json.read(path + ".lastPort", Integer.class)).isEqualTo(block.lastPort());
		assertThat(json.read(path + ".count", Integer.class)).isEqualTo(4);
		assertThat(json.read(path + ".free", Integer.class)).isEqualTo(3);
		assertThat(json.read(path + ".backend", String.class)).isEqualTo(TestAllocators.BACKEND);
		assertThat(json.read(path + ".valid", Boolean.class)).isTrue();
		assertThat(json.read("$.portReservation.media.count", Integer.class)).isEqualTo(2);
	}

	@Test
	void metricsShouldFollowLeasesFailuresAndAcquisition() throws Exception {
		try (PortLease lease = this.allocator.lease("grpc")) {
			assertThat(metric("port.reservation.ports?tag=block:default&tag=state:free", "VALUE")).isEqualTo(2);
			assertThat(metric("port.reservation.ports?tag=block:default&tag=state:leased", "VALUE")).isEqualTo(2);
		}
		double failuresBefore = metric("port.reservation.allocation.failures?tag=block:default", "COUNT");
		List<PortLease> rest = leaseAllFree();
		try {
			assertThatExceptionOfType(BlockExhaustedException.class).isThrownBy(() -> this.allocator.lease("one-more"));
		}
		finally {
			rest.forEach(PortLease::close);
		}
		assertThat(metric("port.reservation.allocation.failures?tag=block:default", "COUNT"))
			.isEqualTo(failuresBefore + 1);
		assertThat(metric("port.reservation.allocation.failures?tag=block:media", "COUNT")).isZero();
		assertThat(metric("port.reservation.acquire?tag=backend:" + TestAllocators.BACKEND, "COUNT")).isEqualTo(2);
		assertThat(metric("port.reservation.acquire?tag=backend:" + TestAllocators.BACKEND, "TOTAL_TIME")).isPositive();
	}

	private List<PortLease> leaseAllFree() {
		List<PortLease> leases = new ArrayList<>();
		while (this.allocator.block().freeCount() > 0) {
			leases.add(this.allocator.lease("filler-" + leases.size()));
		}
		return leases;
	}

	private double metric(String nameAndTags, String statistic) throws Exception {
		DocumentContext json = http().json("/actuator/metrics/" + nameAndTags, 200);
		List<Double> values = json.read("$.measurements[?(@.statistic == '" + statistic + "')].value");
		assertThat(values).hasSize(1);
		return values.get(0);
	}

	private static Map<String, Object> lease(DocumentContext json, String blockPath, int port) {
		List<Map<String, Object>> matches = json.read(blockPath + ".leases[?(@.port == " + port + ")]");
		assertThat(matches).as("lease of port %d", port).hasSize(1);
		return matches.get(0);
	}

	private static void assertDefaultBlock(DocumentContext json, String path, PortReservation block) {
		assertThat(json.read(path + ".name", String.class)).isEqualTo("default");
		assertThat(json.read(path + ".protocol", String.class)).isEqualTo("TCP");
		assertThat(json.read(path + ".firstPort", Integer.class)).isEqualTo(block.firstPort());
		assertThat(json.read(path + ".lastPort", Integer.class)).isEqualTo(block.lastPort());
		assertThat(json.read(path + ".count", Integer.class)).isEqualTo(4);
		assertThat(json.read(path + ".backend", String.class)).isEqualTo(TestAllocators.BACKEND);
		assertThat(Instant.parse(json.read(path + ".acquiredAt", String.class))).isEqualTo(block.acquiredAt());
		assertThat(json.read(path + ".valid", Boolean.class)).isTrue();
		assertThat(json.read(path, Map.class)).doesNotContainKey("token");
	}

	private ActuatorHttp http() {
		return new ActuatorHttp(this.port);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ActuatorApplication {

	}

}
