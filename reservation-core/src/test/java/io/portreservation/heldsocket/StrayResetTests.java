package io.portreservation.heldsocket;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tests for the path macOS takes after a server that served on the holder closes: BSD
 * cannot stop a listening socket, so the holder goes on listening and its connections are
 * reset ({@link StrayReset}). These run on Linux with that path forced
 * ({@code HolderHandOff(block, calls, false)}): they prove our logic (resets instead of
 * queued connections, the next server gets every connection, nothing stays bound after
 * the release), not what the XNU kernel does; the macOS workflow runs the real thing
 * ({@link BsdSocketFactsTests} and the other tests enabled on macOS).
 */
@EnabledOnOs(OS.LINUX)
class StrayResetTests {

	@Test
	void aClosedServersPortResetsConnectsStaysHeldAndServesTheNextServerFully() throws IOException {
		try (PortReservation block = reserveResettingStrays(); PortLease lease = block.lease("server")) {
			int port = lease.port();
			for (int round = 0; round < 3; round++) {
				try (ServerSocketChannel server = lease.openServerSocketChannel(null, 0)) {
					// every connection reaches the server, none is taken by a reset left
					// from the last round
					for (int i = 0; i < 20; i++) {
						try (SocketChannel client = SocketChannel
							.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
								SocketChannel accepted = server.accept()) {
							assertThat(accepted.getRemoteAddress()).isEqualTo(client.getLocalAddress());
						}
					}
				}
				lease.closeChannels();
				assertConnectsAreReset(port);
				HeldSocketReservationsTests.assertTcpBindRefused(port);
			}
		}
	}

	@Test
	void aServerClosedWithoutTellingTheLeaseIsNoticedAndItsConnectsReset() throws IOException {
		try (PortReservation block = reserveResettingStrays(); PortLease lease = block.lease("server")) {
			int port = lease.port();
			lease.openServerSocketChannel(null, 0).close();
			awaitConnectsReset(port);
			HeldSocketReservationsTests.assertTcpBindRefused(port);
		}
	}

	@Test
	void releasingTheBlockClosesTheResetsDuplicateSoThePortIsFreeAtOnce() throws IOException {
		int port;
		try (PortReservation block = reserveResettingStrays(); PortLease lease = block.lease("server")) {
			port = lease.port();
			lease.openServerSocketChannel(null, 0).close();
			lease.closeChannels();
			assertConnectsAreReset(port);
		}
		try (ServerSocketChannel again = ServerSocketChannel.open()) {
			again.bind(new InetSocketAddress(port));
		}
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().equals("port-reservation-reset-" + port) && thread.isAlive());
	}

	private static PortReservation reserveResettingStrays() {
		HeldBlock block = new BlockAcquisition(ReservationRequest.anyBlock(Protocol.TCP, 1), SocketCalls.get())
			.acquire();
		try {
			return new HeldSocketReservation(Protocol.TCP, block, new HolderHandOff(block, block.calls(), false));
		}
		catch (RuntimeException ex) {
			block.close();
			throw ex;
		}
	}

	private static void assertConnectsAreReset(int port) throws IOException {
		assertThat(connectAndRead(port)).as("a connect to port %d with no server", port).isTrue();
	}

	private static void awaitConnectsReset(int port) throws IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() - deadline < 0) {
			if (connectAndRead(port)) {
				return;
			}
		}
		fail("connects to port " + port + " still queued 5 s after its server closed");
	}

	/**
	 * Connect and read once.
	 * @return {@code true} if the connection was reset (or ended), {@code false} if the
	 * read hung, the connection queued where nobody accepts
	 */
	private static boolean connectAndRead(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
			socket.setSoTimeout(500);
			return socket.getInputStream().read() == -1;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (ConnectException ex) {
			throw new AssertionError("a connect to port " + port + " was refused: the holder stopped listening, "
					+ "which the path under test must not do", ex);
		}
		catch (SocketException ex) {
			return true;
		}
	}

}
