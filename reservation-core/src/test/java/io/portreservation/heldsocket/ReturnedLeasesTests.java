package io.portreservation.heldsocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;

import io.portreservation.Backend;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.spi.AbstractPortReservation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AbstractPortReservation#returnLeases()}, with which a restarting
 * application context hands its block on: the leases' holders are gone, the block keeps
 * every port, and each owner gets its port back.
 */
class ReturnedLeasesTests {

	@Test
	void returnedLeasesLeaveThePortsHeldAndGiveEachOwnerItsPortBack() throws IOException {
		try (PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 4),
				Backend.HELD_SOCKET)) {
			PortLease web = block.lease("tomcat (server.port)");
			PortLease grpc = block.lease("grpc (spring.grpc.server.port)");
			ServerSocketChannel served = web.openServerSocketChannel(null, 0);
			((AbstractPortReservation) block).returnLeases();
			assertThat(block.leases()).isEmpty();
			assertThat(served.isOpen()).isFalse();
			assertThat(block.isValid()).isTrue();
			try (ServerSocketChannel thief = ServerSocketChannel.open()) {
				assertThatExceptionOfType(SocketException.class)
					.isThrownBy(() -> thief.bind(new InetSocketAddress(web.port())));
			}
			// Round-robin would hand out the third port next; the owners get theirs back.
			PortLease grpcAgain = block.lease("grpc (spring.grpc.server.port)");
			PortLease webAgain = block.lease("tomcat (server.port)");
			assertThat(webAgain.port()).isEqualTo(web.port());
			assertThat(grpcAgain.port()).isEqualTo(grpc.port());
			assertThat(block.lease("another").port()).isNotIn(web.port(), grpc.port());
		}
	}

}
