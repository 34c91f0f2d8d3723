package io.portreservation.boot.actuate;

import java.nio.channels.ServerSocketChannel;
import java.time.Instant;
import java.util.List;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.boot.BlockPortAllocator;
import io.portreservation.boot.actuate.PortReservationsEndpoint.BlockDescriptor;
import io.portreservation.boot.actuate.PortReservationsEndpoint.LeaseDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortReservationsEndpoint}.
 */
class PortReservationsEndpointTests {

	private final BlockPortAllocator allocator = TestAllocators.tcp(List.of(), "default", 4, "media", 2);

	@AfterEach
	void close() {
		this.allocator.close();
	}

	@Test
	void portReservationsShouldDescribeEveryBlockWithItsLeases() throws Exception {
		PortReservation block = this.allocator.block();
		Instant before = Instant.now();
		try (PortLease bound = this.allocator.lease("tomcat:http"); PortLease unbound = this.allocator.lease("grpc")) {
			ServerSocketChannel channel = bound.openServerSocketChannel(null, 0);
			assertThat(channel.isOpen()).isTrue();
			var blocks = new PortReservationsEndpoint(this.allocator, false).portReservations().blocks();
			assertThat(blocks).containsOnlyKeys("default", "media");
			BlockDescriptor descriptor = blocks.get("default");
			assertThat(descriptor).isNotNull();
			assertThat(descriptor.name()).isEqualTo("default");
			assertThat(descriptor.protocol()).isEqualTo("TCP");
			assertThat(descriptor.firstPort()).isEqualTo(block.firstPort());
			assertThat(descriptor.lastPort()).isEqualTo(block.firstPort() + 3);
			assertThat(descriptor.count()).isEqualTo(4);
			assertThat(descriptor.free()).isEqualTo(2);
			assertThat(descriptor.backend()).isEqualTo(TestAllocators.BACKEND);
			assertThat(descriptor.acquiredAt()).isEqualTo(block.acquiredAt());
			assertThat(descriptor.valid()).isTrue();
			assertThat(descriptor.token()).isNull();
			assertThat(descriptor.leases())
				.extracting(LeaseDescriptor::port, LeaseDescriptor::owner, LeaseDescriptor::bound)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(bound.port(), "tomcat:http", true),
						org.assertj.core.groups.Tuple.tuple(unbound.port(), "grpc", false));
			assertThat(descriptor.leases().get(0).since()).isBetween(before, Instant.now());
			BlockDescriptor media = blocks.get("media");
			assertThat(media).isNotNull();
			assertThat(media.count()).isEqualTo(2);
		}
	}

	@Test
	void portReservationShouldSelectOneBlockByName() {
		BlockDescriptor media = new PortReservationsEndpoint(this.allocator, false).portReservation("media");
		assertThat(media).isNotNull();
		assertThat(media.name()).isEqualTo("media");
		assertThat(media.firstPort()).isEqualTo(this.allocator.block("media").firstPort());
		assertThat(media.leases()).isEmpty();
	}

	@Test
	void portReservationWhenNoBlockHasTheNameShouldReturnNull() {
		assertThat(new PortReservationsEndpoint(this.allocator, false).portReservation("nope")).isNull();
	}

	@Test
	void tokenShouldBeShownOnlyWhenAskedFor() {
		long token = this.allocator.block().token();
		assertThat(descriptor(new PortReservationsEndpoint(this.allocator, true), "default").token())
			.isEqualTo("0x" + Long.toHexString(token));
		assertThat(descriptor(new PortReservationsEndpoint(this.allocator, false), "default").token()).isNull();
	}

	@Test
	void portReservationsShouldShowAClosedBlockAsInvalid() {
		this.allocator.block("media").close();
		assertThat(descriptor(new PortReservationsEndpoint(this.allocator, false), "media").valid()).isFalse();
	}

	static BlockDescriptor descriptor(PortReservationsEndpoint endpoint, String name) {
		BlockDescriptor descriptor = endpoint.portReservation(name);
		if (descriptor == null) {
			throw new AssertionError("The endpoint shows no block '" + name + "'");
		}
		return descriptor;
	}

}
