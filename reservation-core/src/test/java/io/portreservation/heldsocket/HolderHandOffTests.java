package io.portreservation.heldsocket;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tests for the hand-off with no window ({@link HolderHandOff}): with
 * {@value DescriptorChannels#FLAG} (every test JVM of this module but one execution) a
 * server on the wildcard address serves on the holding socket itself.
 */
@EnabledOnOs(OS.LINUX)
class HolderHandOffTests {

	@Test
	void aTcpServerServesOnTheHolderItselfOnIpv4AndIpv6() throws IOException {
		assertThat(DescriptorChannels.unavailableReason()).isNull();
		try (PortReservation block = reserve(Protocol.TCP); PortLease lease = block.lease("server")) {
			int port = lease.port();
			long holder = ProcSockets.inode("tcp", port);
			try (ServerSocketChannel server = lease.openServerSocketChannel(null, 0)) {
				assertThat(((InetSocketAddress) server.getLocalAddress()).getPort()).isEqualTo(port);
				// no second socket: the one listening is the holder, reached by the
				// holder's and the server's descriptor
				assertThat(ProcSockets.listeningInode(port)).isEqualTo(holder);
				assertThat(ProcSockets.descriptorsOf(holder)).isEqualTo(2);
				for (String host : new String[] { "127.0.0.1", "::1" }) {
					try (SocketChannel client = SocketChannel
						.open(new InetSocketAddress(InetAddress.getByName(host), port));
							SocketChannel accepted = server.accept()) {
						assertThat(accepted.getRemoteAddress()).isEqualTo(client.getLocalAddress());
					}
				}
				HeldSocketReservationsTests.assertTcpBindRefused(port);
				assertThatIllegalStateException().isThrownBy(() -> lease.openServerSocketChannel(null, 0))
					.withMessageContaining("still open");
			}
			assertThat(ProcSockets.descriptorsOf(holder)).isEqualTo(1);
		}
	}

	@Test
	void closingAndReopeningOnTheSameLeaseOverTimeWaitNeverFreesThePortAndRefusesConnectsBetweenServers()
			throws IOException {
		try (PortReservation block = reserve(Protocol.TCP); PortLease lease = block.lease("server")) {
			int port = lease.port();
			HeldSocketReservationsTests.assertTcpBindRefused(port);
			assertConnectRefused(port);
			for (int round = 0; round < 3; round++) {
				ServerSocketChannel server = lease.openServerSocketChannel(null, 0);
				HeldSocketReservationsTests.assertTcpBindRefused(port);
				carryAConnectionClosedByTheServer(server, port);
				assertThat(ProcSockets.hasTimeWait(port)).as("TIME_WAIT on the server's port").isTrue();
				lease.closeChannels();
				assertThat(server.isOpen()).isFalse();
				assertConnectRefused(port);
				HeldSocketReservationsTests.assertTcpBindRefused(port);
			}
			// a server that closes its channel directly: the holder stops listening in
			// that close, before it returns
			ServerSocketChannel server = lease.openServerSocketChannel(null, 0);
			carryAConnectionClosedByTheServer(server, port);
			server.close();
			assertConnectRefused(port);
			HeldSocketReservationsTests.assertTcpBindRefused(port);
		}
	}

	@Test
	void aSelectingServerThatClosesItsChannelDirectlyStopsTheHolderListeningAtOnce() throws IOException {
		try (PortReservation block = reserve(Protocol.TCP);
				PortLease lease = block.lease("server");
				Selector selector = Selector.open()) {
			int port = lease.port();
			long holder = ProcSockets.inode("tcp", port);
			for (int round = 0; round < 2; round++) {
				// as Tomcat, Jetty and Netty serve: non-blocking, registered for accepts
				ServerSocketChannel server = lease.openServerSocketChannel(null, 0);
				server.configureBlocking(false);
				server.register(selector, SelectionKey.OP_ACCEPT);
				try (SocketChannel client = SocketChannel
					.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
					assertThat(selector.select(5000)).isEqualTo(1);
					selector.selectedKeys().clear();
					server.accept().close();
				}
				server.close();
				// the JDK closes a registered channel's descriptor only when the selector
				// lets go of it; the holder stopped listening in the close itself
				assertConnectRefused(port);
				HeldSocketReservationsTests.assertTcpBindRefused(port);
				selector.selectNow();
				assertThat(ProcSockets.descriptorsOf(holder)).isEqualTo(1);
				assertConnectRefused(port);
			}
		}
	}

	@Test
	void aUdpServerServesOnTheHolderItself() throws IOException {
		try (PortReservation block = reserve(Protocol.UDP);
				PortLease lease = block.lease("dns");
				DatagramChannel client = DatagramChannel.open()) {
			int port = lease.port();
			long holder = ProcSockets.inode("udp", port);
			for (int round = 0; round < 2; round++) {
				try (DatagramChannel server = lease.openDatagramChannel(null)) {
					assertThat(ProcSockets.descriptorsOf(holder)).isEqualTo(2);
					client.send(ByteBuffer.wrap(new byte[] { (byte) round }),
							new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
					assertThat(HeldSocketReservationsTests.receive(server)).containsExactly((byte) round);
					HeldSocketReservationsTests.assertUdpBindRefused(port);
				}
				HeldSocketReservationsTests.assertUdpBindRefused(port);
			}
		}
	}

	@Test
	void aServerOnOneAddressIsBoundBesideTheHolder() throws IOException {
		try (PortReservation block = reserve(Protocol.TCP);
				PortLease lease = block.lease("server");
				ServerSocketChannel server = lease.openServerSocketChannel(InetAddress.getLoopbackAddress(), 0)) {
			int port = lease.port();
			assertThat(ProcSockets.descriptorsOf(ProcSockets.listeningInode(port))).isEqualTo(1);
			assertThat(((InetSocketAddress) server.getLocalAddress()).getAddress())
				.isEqualTo(InetAddress.getLoopbackAddress());
		}
	}

	private static void carryAConnectionClosedByTheServer(ServerSocketChannel server, int port) throws IOException {
		try (SocketChannel client = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
			// the server closes first: TIME_WAIT sits on the server's port
			server.accept().close();
			assertThat(client.read(ByteBuffer.allocate(1))).isEqualTo(-1);
		}
	}

	static void assertConnectRefused(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
			fail("connected to port " + port + " while no server was there");
		}
		catch (ConnectException ex) {
			// refused: what a client of a stopped server should see
		}
	}

	/**
	 * Wait (at most 5 s) until connects to a port are refused, or on BSD reset: where a
	 * holder cannot stop listening, its connections are reset from another thread
	 * ({@link StrayReset}).
	 */
	static void awaitConnectRefused(int port) throws IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() - deadline < 0) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
				if (OS.MAC.isCurrentOs() && isResetOnRead(socket)) {
					// BSD cannot stop a listening holder: its connections are reset
					// instead (StrayReset)
					return;
				}
			}
			catch (ConnectException ex) {
				return;
			}
			catch (SocketException ex) {
				// a connect caught in flight as the holder stops listening is reset, not
				// refused: the port is closing, so try again until a connect is refused
				// outright
			}
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		fail("connects to port " + port + " were still accepted 5 s after its server closed");
	}

	private static PortReservation reserve(Protocol protocol) {
		return PortReservations.reserve(ReservationRequest.anyBlock(protocol, 1), Backend.HELD_SOCKET);
	}

	private static boolean isResetOnRead(Socket socket) throws IOException {
		socket.setSoTimeout(500);
		try {
			return socket.getInputStream().read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (SocketException ex) {
			return true;
		}
	}

}
