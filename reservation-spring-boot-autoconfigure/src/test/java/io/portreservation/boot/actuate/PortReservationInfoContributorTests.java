package io.portreservation.boot.actuate;

import java.util.List;
import java.util.Map;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.boot.BlockPortAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.info.Info;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortReservationInfoContributor}.
 */
class PortReservationInfoContributorTests {

	private final BlockPortAllocator allocator = TestAllocators.tcp(List.of(), "default", 3);

	@AfterEach
	void close() {
		this.allocator.close();
	}

	@Test
	@SuppressWarnings("unchecked")
	void contributeShouldSummarizeEachBlock() {
		PortReservation block = this.allocator.block();
		try (PortLease lease = this.allocator.lease("grpc")) {
			Info.Builder builder = new Info.Builder();
			new PortReservationInfoContributor(this.allocator).contribute(builder);
			Map<String, Object> blocks = (Map<String, Object>) builder.build().get("portReservation");
			assertThat(blocks).isNotNull();
			assertThat(blocks).containsOnlyKeys("default");
			assertThat((Map<String, Object>) blocks.get("default")).containsExactly(Map.entry("protocol", "TCP"),
					Map.entry("firstPort", block.firstPort()), Map.entry("lastPort", block.lastPort()),
					Map.entry("count", 3), Map.entry("free", 2), Map.entry("backend", TestAllocators.BACKEND),
					Map.entry("valid", true));
		}
	}

}
