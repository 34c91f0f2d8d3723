package io.portreservation.boot.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.portreservation.Backend;
import io.portreservation.PortLease;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.boot.BlockPortAllocator;
import io.portreservation.boot.diagnostics.ServerPortException;
import io.portreservation.boot.diagnostics.ServerPortException.Reason;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WebServerPorts}: {@code server.port}'s meaning kept inside a real
 * block.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebServerPortsTests {

	private BlockPortAllocator allocator;

	@AfterEach
	void release() {
		if (this.allocator != null) {
			this.allocator.close();
		}
	}

	private WebServerPorts ports(Protocol protocol, int count, boolean anyBlock) {
		this.allocator = BlockPortAllocator.reserve(Map.of("default", ReservationRequest.anyBlock(protocol, count)),
				Backend.AUTO, List.of());
		return new WebServerPorts(this.allocator, anyBlock);
	}

	@Test
	void unsetPortTakesAPortOfTheBlock() {
		PortLease lease = ports(Protocol.TCP, 2, true).lease("tomcat", "server.port", null);
		assertThat(lease).isNotNull();
		assertThat(this.allocator.block().contains(lease.port())).isTrue();
		assertThat(lease.owner()).isEqualTo("tomcat (server.port)");
	}

	@Test
	void zeroTakesAPortOfTheBlock() {
		PortLease lease = ports(Protocol.TCP, 2, true).lease("tomcat", "server.port", 0);
		assertThat(this.allocator.block().contains(lease.port())).isTrue();
	}

	@Test
	void portInsideTheBlockTakesExactlyThatPort() {
		WebServerPorts ports = ports(Protocol.TCP, 4, false);
		int wanted = this.allocator.block().firstPort() + 2;
		assertThat(ports.lease("jetty", "server.port", wanted).port()).isEqualTo(wanted);
	}

	@Test
	void minusOneLeavesTheServerOff() {
		assertThat(ports(Protocol.TCP, 2, true).lease("tomcat", "server.port", -1)).isNull();
		assertThat(this.allocator.block().leases()).isEmpty();
	}

	@Test
	void portOutsideTheBlockIsRefused() {
		WebServerPorts ports = ports(Protocol.TCP, 2, false);
		int outside = (this.allocator.block().firstPort() > 1024) ? this.allocator.block().firstPort() - 1
				: this.allocator.block().lastPort() + 1;
		assertThatExceptionOfType(ServerPortException.class)
			.isThrownBy(() -> ports.lease("tomcat", "server.port", outside))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.OUTSIDE_BLOCK))
			.withMessage("server.port is " + outside + ", outside the block " + this.allocator.block().firstPort()
					+ "-" + this.allocator.block().lastPort());
	}

	@Test
	void fixedPortWithAnyBlockIsRefused() {
		WebServerPorts ports = ports(Protocol.TCP, 2, true);
		int inside = this.allocator.block().firstPort();
		assertThatExceptionOfType(ServerPortException.class)
			.isThrownBy(() -> ports.lease("netty", "management.server.port", inside))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.FIXED_PORT_WITH_ANY_BLOCK))
			.withMessageContaining("management.server.port is " + inside + " but port-reservation.start-port is 0");
	}

	@Test
	void fullBlockIsReported() {
		WebServerPorts ports = ports(Protocol.TCP, 1, true);
		ports.lease("tomcat", "server.port", null);
		assertThatExceptionOfType(ServerPortException.class)
			.isThrownBy(() -> ports.lease("tomcat", "management.server.port", null))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.BLOCK_EXHAUSTED));
	}

	@Test
	void portLeasedToAnotherServerIsReported() {
		WebServerPorts ports = ports(Protocol.TCP, 2, false);
		int port = this.allocator.block().firstPort();
		ports.lease("tomcat", "server.port", port);
		assertThatExceptionOfType(ServerPortException.class)
			.isThrownBy(() -> ports.lease("tomcat", "management.server.port", port))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.ALREADY_LEASED))
			.withMessageContaining("is leased to 'tomcat (server.port)' already");
	}

	@Test
	void udpBlockLeavesTheServerAloneAndSaysSo(CapturedOutput output) {
		WebServerPorts ports = ports(Protocol.UDP, 2, true);
		assertThat(ports.lease("tomcat", "server.port", null)).isNull();
		assertThat(output).contains("is UDP only; the tomcat server binds as configured, outside the block");
	}

}
