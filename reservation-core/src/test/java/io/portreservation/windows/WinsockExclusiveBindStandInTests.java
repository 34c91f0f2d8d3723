package io.portreservation.windows;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import io.portreservation.Backend;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.testfixtures.PortThief;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Re-binding a leased TCP port after its server closed while a connection it accepted is
 * still open. The stand-in models SO_EXCLUSIVEADDRUSE, which the JDK on Windows sets
 * before every bind: such a bind is refused while a connection is open on the port
 * (setting {@code jdk_exclusive_bind=0} models {@code -Dsun.net.useExclusiveBind=false}).
 * How Windows itself answers is measured by the Windows workflow, not here.
 */
@Tag("winsock-stand-in")
class WinsockExclusiveBindStandInTests {

	@AfterEach
	void resetStandIn() {
		StandIn.reset();
	}

	/**
	 * Proves that the refusal is explained precisely (the exclusive bind, the open
	 * accepted connection, and the three ways out, naming
	 * {@code -Dsun.net.useExclusiveBind=false}), that the port stays reserved, and that
	 * the same lease binds again once the connection is closed.
	 */
	@Test
	void rebindWithAnAcceptedConnectionStillOpenIsExplainedAndWorksOnceItCloses() throws Exception {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		try (PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 2),
				Backend.WINSOCK); PortLease lease = block.lease("restarted")) {
			SocketChannel client;
			SocketChannel accepted;
			try (ServerSocketChannel first = lease.openServerSocketChannel(loopback, 0)) {
				client = SocketChannel.open(new InetSocketAddress(loopback, lease.port()));
				accepted = first.accept();
			}
			try (client; accepted) {
				assertThatExceptionOfType(BindException.class)
					.isThrownBy(() -> lease.openServerSocketChannel(loopback, 0))
					.withMessageContaining("WSAEADDRINUSE (10048) when exclusive (SO_EXCLUSIVEADDRUSE")
					.withMessageContaining("a connection accepted on this port by an earlier server")
					.withMessageContaining("lease another port")
					.withMessageContaining("-Dsun.net.useExclusiveBind=false");
				assertThat(lease.isBound()).isFalse();
				assertThat(PortThief.sweep("tcp", lease.port())).isEmpty();
			}
			try (ServerSocketChannel again = lease.openServerSocketChannel(loopback, 0)) {
				assertThat(((InetSocketAddress) again.getLocalAddress()).getPort()).isEqualTo(lease.port());
			}
		}
	}

	/**
	 * Proves that without the exclusive bind (the stand-in's model of
	 * {@code -Dsun.net.useExclusiveBind=false}) the same re-bind succeeds while the
	 * accepted connection is still open.
	 */
	@Test
	void withoutTheExclusiveBindTheRebindSucceedsWhileTheConnectionIsOpen() throws Exception {
		StandIn.set("jdk_exclusive_bind", "0");
		InetAddress loopback = InetAddress.getLoopbackAddress();
		try (PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 2),
				Backend.WINSOCK); PortLease lease = block.lease("restarted")) {
			SocketChannel client;
			SocketChannel accepted;
			try (ServerSocketChannel first = lease.openServerSocketChannel(loopback, 0)) {
				client = SocketChannel.open(new InetSocketAddress(loopback, lease.port()));
				accepted = first.accept();
			}
			try (client; accepted; ServerSocketChannel again = lease.openServerSocketChannel(loopback, 0)) {
				assertThat(((InetSocketAddress) again.getLocalAddress()).getPort()).isEqualTo(lease.port());
			}
		}
	}

}
