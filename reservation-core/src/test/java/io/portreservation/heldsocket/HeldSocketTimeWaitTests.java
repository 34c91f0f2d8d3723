package io.portreservation.heldsocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import io.portreservation.Backend;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link HeldSocketReservations} on ports that carried connections: the
 * server's side of a closed connection stays in {@code TIME_WAIT} for up to 60 s (Linux),
 * which blocks plain binds but not {@code SO_REUSEADDR} binds.
 */
@EnabledOnOs(OS.LINUX)
class HeldSocketTimeWaitTests {

	@Test
	void aPortThatCarriedConnectionsIsServedAndHeldAgainAtOnce() throws IOException {
		int port;
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP, 1))) {
			port = block.firstPort();
			// the second hand-off binds over the first one's TIME_WAIT
			for (int i = 0; i < 2; i++) {
				try (PortLease lease = block.lease("server");
						ServerSocketChannel server = lease.openServerSocketChannel(null, 0)) {
					carryAConnection(server, port);
				}
			}
		}
		// The reservation is released; TIME_WAIT remains on the port.
		try (ServerSocketChannel plain = ServerSocketChannel.open()) {
			plain.setOption(StandardSocketOptions.SO_REUSEADDR, false);
			assertThatIOException().isThrownBy(() -> plain.bind(new InetSocketAddress(port)))
				.withMessageContaining("Address already in use");
		}
		try (ServerSocketChannel asServersBind = ServerSocketChannel.open()) {
			asServersBind.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			asServersBind.bind(new InetSocketAddress(port));
		}
		// Holding it again works too, and holds as tightly as ever.
		try (PortReservation again = reserve(ReservationRequest.of(Protocol.TCP, port, 1))) {
			HeldSocketReservationsTests.assertTcpBindRefused(port);
		}
	}

	private static void carryAConnection(ServerSocketChannel server, int port) throws IOException {
		try (SocketChannel client = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
			SocketChannel accepted = server.accept();
			// the server closes first: the TIME_WAIT is on the server's port
			accepted.close();
			assertThat(client.read(java.nio.ByteBuffer.allocate(1))).isEqualTo(-1);
		}
	}

	private static PortReservation reserve(ReservationRequest request) {
		return PortReservations.reserve(request, Backend.HELD_SOCKET);
	}

}
