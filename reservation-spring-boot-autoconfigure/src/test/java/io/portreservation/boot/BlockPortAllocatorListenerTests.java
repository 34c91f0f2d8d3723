package io.portreservation.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portreservation.Backend;
import io.portreservation.BlockExhaustedException;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for how {@link BlockPortAllocator} tells its {@link PortAllocatorListener
 * listeners}.
 */
class BlockPortAllocatorListenerTests {

	private final List<String> heard = new ArrayList<>();

	@Test
	void reserveShouldTellEachAcquisitionAndLeaseShouldTellEachRefusal() {
		PortAllocatorListener recorder = new PortAllocatorListener() {

			@Override
			public void blockAcquired(String blockName, PortReservation block, Duration duration) {
				BlockPortAllocatorListenerTests.this.heard
					.add("acquired " + blockName + " " + block.count() + " " + !duration.isNegative());
			}

			@Override
			public void leaseFailed(String blockName, String owner, RuntimeException failure) {
				BlockPortAllocatorListenerTests.this.heard
					.add("refused " + blockName + " " + owner + " " + failure.getClass().getSimpleName());
			}

		};
		try (BlockPortAllocator allocator = reserve(recorder); PortLease lease = allocator.lease("first")) {
			assertThatExceptionOfType(BlockExhaustedException.class).isThrownBy(() -> allocator.lease("second"));
			assertThatExceptionOfType(BlockExhaustedException.class)
				.isThrownBy(() -> allocator.lease("default", "third"));
		}
		assertThat(this.heard).containsExactly("acquired default 1 true", "acquired media 2 true",
				"refused default second BlockExhaustedException", "refused default third BlockExhaustedException");
	}

	@Test
	void aFailingListenerShouldNotFailTheAllocation() {
		PortAllocatorListener failing = new PortAllocatorListener() {

			@Override
			public void blockAcquired(String blockName, PortReservation block, Duration duration) {
				throw new IllegalStateException("listener bug");
			}

			@Override
			public void leaseFailed(String blockName, String owner, RuntimeException failure) {
				throw new IllegalStateException("listener bug");
			}

		};
		try (BlockPortAllocator allocator = reserve(failing); PortLease lease = allocator.lease("first")) {
			assertThat(allocator.blocks()).containsOnlyKeys("default", "media");
			assertThatExceptionOfType(BlockExhaustedException.class).isThrownBy(() -> allocator.lease("second"));
		}
	}

	private static BlockPortAllocator reserve(PortAllocatorListener listener) {
		Map<String, ReservationRequest> requests = new LinkedHashMap<>();
		requests.put("default", ReservationRequest.anyBlock(Protocol.TCP, 1));
		requests.put("media", ReservationRequest.anyBlock(Protocol.UDP, 2));
		return BlockPortAllocator.reserve(requests, Backend.AUTO, List.of(listener));
	}

}
