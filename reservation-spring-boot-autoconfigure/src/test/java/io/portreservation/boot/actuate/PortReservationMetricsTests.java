package io.portreservation.boot.actuate;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portreservation.BlockExhaustedException;
import io.portreservation.PortLease;
import io.portreservation.boot.BlockPortAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PortReservationMetrics}.
 */
@ExtendWith(OutputCaptureExtension.class)
class PortReservationMetricsTests {

	private final PortReservationMetrics metrics = new PortReservationMetrics(() -> this.allocator);

	private final BlockPortAllocator allocator = TestAllocators.tcp(List.of(this.metrics), "default", 2, "media", 3);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@AfterEach
	void close() {
		this.allocator.close();
	}

	@Test
	void portsGaugesShouldFollowLeases() {
		this.metrics.bindTo(this.registry);
		assertThat(ports("default", "free")).isEqualTo(2);
		assertThat(ports("default", "leased")).isZero();
		assertThat(ports("media", "free")).isEqualTo(3);
		try (PortLease lease = this.allocator.lease("grpc")) {
			assertThat(ports("default", "free")).isEqualTo(1);
			assertThat(ports("default", "leased")).isEqualTo(1);
		}
		assertThat(ports("default", "free")).isEqualTo(2);
	}

	@Test
	void allocationFailuresShouldCountRefusedLeasesPerBlock() {
		this.metrics.bindTo(this.registry);
		assertThat(failures("default")).isZero();
		try (PortLease first = this.allocator.lease("a"); PortLease second = this.allocator.lease("b")) {
			assertThatExceptionOfType(BlockExhaustedException.class).isThrownBy(() -> this.allocator.lease("c"));
			assertThatExceptionOfType(BlockExhaustedException.class).isThrownBy(() -> this.allocator.lease("d"));
		}
		assertThat(failures("default")).isEqualTo(2);
		assertThat(failures("media")).isZero();
	}

	@Test
	void bindingRegistersEveryMeterOnceWithoutWarning(CapturedOutput output) {
		this.metrics.bindTo(this.registry);
		SimpleMeterRegistry second = new SimpleMeterRegistry();
		this.metrics.bindTo(second);
		assertThat(this.registry.find("port.reservation.allocation.failures").functionCounters()).hasSize(2);
		assertThat(second.find("port.reservation.allocation.failures").functionCounters()).hasSize(2);
		assertThat(output).doesNotContain("WARN")
			.doesNotContain("already been registered")
			.doesNotContain("has been already registered");
	}

	@Test
	void allocationFailuresBeforeBindingShouldBeKept() {
		this.metrics.leaseFailed("default", "early", new IllegalStateException("released"));
		this.metrics.bindTo(this.registry);
		assertThat(failures("default")).isEqualTo(1);
	}

	@Test
	void acquireTimerShouldRecordAcquisitionsMadeBeforeAndAfterBinding() {
		this.metrics.bindTo(this.registry);
		FunctionTimer timer = this.registry.get("port.reservation.acquire")
			.tag("backend", TestAllocators.BACKEND)
			.functionTimer();
		assertThat(timer.count()).isEqualTo(2);
		assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
		try (BlockPortAllocator later = TestAllocators.tcp(List.of(this.metrics), "later", 1)) {
			assertThat(timer.count()).isEqualTo(3);
		}
	}

	private double ports(String block, String state) {
		return this.registry.get("port.reservation.ports").tag("block", block).tag("state", state).gauge().value();
	}

	private double failures(String block) {
		return this.registry.get("port.reservation.allocation.failures").tag("block", block).functionCounter().count();
	}

}
