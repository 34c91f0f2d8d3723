package io.portreservation.boot.actuate;

import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Map;

import io.portreservation.PortLease;
import io.portreservation.boot.BlockPortAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortReservationHealthIndicator}.
 */
class PortReservationHealthIndicatorTests {

	private final BlockPortAllocator allocator = TestAllocators.tcp(List.of(), "default", 4);

	@AfterEach
	void close() {
		this.allocator.close();
	}

	@Test
	void healthWhenEveryBlockIsHeldShouldBeUpWithDetails() {
		try (PortLease lease = this.allocator.lease("grpc")) {
			Health health = new PortReservationHealthIndicator(this.allocator, null).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsOnlyKeys("blocks");
			assertThat(block(health))
				.containsEntry("ports", this.allocator.block().firstPort() + "-" + this.allocator.block().lastPort())
				.containsEntry("protocol", "TCP")
				.containsEntry("valid", true)
				.containsEntry("free", 3)
				.containsEntry("leased", 1)
				.containsEntry("unboundLeases", List.of());
		}
	}

	@Test
	void healthWhenABlockIsClosedShouldBeDown() {
		PortReservationHealthIndicator indicator = new PortReservationHealthIndicator(this.allocator, null);
		this.allocator.block().close();
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(block(health)).containsEntry("valid", false);
	}

	@Test
	void healthWhenABoundLeaseLosesItsSocketShouldBeDown() throws Exception {
		PortReservationHealthIndicator indicator = new PortReservationHealthIndicator(this.allocator, null);
		try (PortLease lease = this.allocator.lease("tomcat:http")) {
			ServerSocketChannel channel = lease.openServerSocketChannel(null, 0);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			channel.close();
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(block(health)).containsEntry("unboundLeases", List.of(lease.port()));
		}
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void healthWhenALeaseWasNeverBoundShouldBeUp() {
		try (PortLease lease = this.allocator.lease("port-only")) {
			assertThat(new PortReservationHealthIndicator(this.allocator, null).health().getStatus())
				.isEqualTo(Status.UP);
		}
	}

	@Test
	void healthWhenFewerFreePortsThanTheLowWaterMarkShouldBeLowPorts() {
		PortReservationHealthIndicator indicator = new PortReservationHealthIndicator(this.allocator, 2);
		try (PortLease first = this.allocator.lease("a"); PortLease second = this.allocator.lease("b")) {
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			try (PortLease third = this.allocator.lease("c")) {
				Health health = indicator.health();
				assertThat(health.getStatus()).isEqualTo(PortReservationHealthIndicator.LOW_PORTS);
				assertThat(health.getDetails()).containsEntry("lowWaterMark", 2);
				assertThat(block(health)).containsEntry("free", 1);
			}
		}
	}

	@Test
	void healthWhenLowAndLostShouldBeDown() {
		PortReservationHealthIndicator indicator = new PortReservationHealthIndicator(this.allocator, 10);
		this.allocator.block().close();
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> block(Health health) {
		Map<String, Map<String, Object>> blocks = (Map<String, Map<String, Object>>) health.getDetails().get("blocks");
		assertThat(blocks).isNotNull();
		Map<String, Object> block = blocks.get("default");
		assertThat(block).isNotNull();
		return block;
	}

}
