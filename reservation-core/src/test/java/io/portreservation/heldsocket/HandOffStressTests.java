package io.portreservation.heldsocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.portreservation.Backend;
import io.portreservation.BindLostException;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.testfixtures.ChildJvm;
import io.portreservation.testfixtures.PortThief;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Back-to-back hand-offs of one held port while two {@link PortThief} processes (one as
 * the same user, one as another user) hammer it with every kind of bind: with the holder
 * itself handed over ({@value DescriptorChannels#FLAG}) no hand-off has a window, so no
 * thief ever gets the port and no hand-off is lost. The scheme without the flag lost
 * thousands of such hand-offs in a stress run like this one.
 */
@EnabledOnOs(OS.LINUX)
class HandOffStressTests {

	private static final int HAND_OFFS = 10_000;

	private static final Duration READY = Duration.ofSeconds(30);

	@Test
	void tenThousandTcpHandOffsUnderTwoThievesLoseNone() throws Exception {
		assumeTrue(ChildJvm.isRoot(), "the other-uid thief needs root to switch users");
		assertThat(DescriptorChannels.unavailableReason()).isNull();
		try (PortReservation block = reserve(Protocol.TCP)) {
			int port = block.firstPort();
			int lost = 0;
			int served = 0;
			List<String> stolen;
			long start = System.nanoTime();
			try (Thieves thieves = Thieves.start("tcp", port)) {
				PortLease lease = block.lease(port, "stress");
				try {
					for (int i = 0; i < HAND_OFFS; i++) {
						if (i > 0 && i % 1000 == 0) {
							lease = renew(lease, block, port);
						}
						try {
							ServerSocketChannel server = lease.openServerSocketChannel(null, 0);
							if (i % 500 == 0) {
								served += serveOne(server, port);
							}
							if (i % 2 == 0) {
								lease.closeChannels();
							}
							else {
								// noticed later: the next hand-off finds the holder still
								// listening
								server.close();
							}
						}
						catch (BindLostException ex) {
							lost++;
						}
					}
				}
				finally {
					lease.close();
				}
				stolen = thieves.finish();
			}
			report("TCP", start, lost, stolen);
			assertThat(lost).as("hand-offs lost").isZero();
			assertThat(stolen).as("thief successes").isEmpty();
			assertThat(served).isEqualTo(HAND_OFFS / 500);
		}
	}

	@Test
	void tenThousandUdpHandOffsUnderTwoThievesLoseNone() throws Exception {
		assumeTrue(ChildJvm.isRoot(), "the other-uid thief needs root to switch users");
		assertThat(DescriptorChannels.unavailableReason()).isNull();
		try (PortReservation block = reserve(Protocol.UDP); DatagramChannel client = DatagramChannel.open()) {
			int port = block.firstPort();
			int lost = 0;
			int served = 0;
			List<String> stolen;
			long start = System.nanoTime();
			try (Thieves thieves = Thieves.start("udp", port)) {
				PortLease lease = block.lease(port, "stress");
				try {
					for (int i = 0; i < HAND_OFFS; i++) {
						if (i > 0 && i % 1000 == 0) {
							lease = renew(lease, block, port);
						}
						try (DatagramChannel server = lease.openDatagramChannel(null)) {
							if (i % 500 == 0) {
								client.send(ByteBuffer.wrap(new byte[] { 7 }),
										new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
								assertThat(HeldSocketReservationsTests.receive(server)).containsExactly((byte) 7);
								served++;
							}
						}
						catch (BindLostException ex) {
							lost++;
						}
					}
				}
				finally {
					lease.close();
				}
				stolen = thieves.finish();
			}
			report("UDP", start, lost, stolen);
			assertThat(lost).as("hand-offs lost").isZero();
			assertThat(stolen).as("thief successes").isEmpty();
			assertThat(served).isEqualTo(HAND_OFFS / 500);
		}
	}

	/**
	 * The one case with a window: a server that closed connections itself leaves
	 * {@code TIME_WAIT} on its port for up to 60 s, and every re-listen in that time
	 * needs {@code SO_REUSEADDR} on the not yet listening holder for one call. A thief
	 * that binds and listens in that call takes the port until it closes; the hand-off
	 * then fails loudly, never silently, and a hand-off that succeeds serves our clients.
	 */
	@Test
	void reListensPastTimeWaitUnderTwoThievesFailLoudlyWhenTheyLose() throws Exception {
		assumeTrue(ChildJvm.isRoot(), "the other-uid thief needs root to switch users");
		try (PortReservation block = reserve(Protocol.TCP); PortLease lease = block.lease("stress")) {
			int port = lease.port();
			ServerSocketChannel first = lease.openServerSocketChannel(null, 0);
			try (SocketChannel client = SocketChannel
				.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
				// the server closes first: TIME_WAIT on the served port
				first.accept().close();
				assertThat(client.read(ByteBuffer.allocate(1))).isEqualTo(-1);
			}
			lease.closeChannels();
			assertThat(ProcSockets.hasTimeWait(port)).isTrue();
			int handOffs = 2_000;
			int lost = 0;
			int served = 0;
			int tried = 0;
			List<String> stolen;
			try (Thieves thieves = Thieves.start("tcp", port)) {
				for (int i = 0; i < handOffs; i++) {
					try {
						ServerSocketChannel server = lease.openServerSocketChannel(null, 0);
						if (i % 100 == 0) {
							served += serveOne(server, port);
							tried++;
						}
						lease.closeChannels();
					}
					catch (BindLostException ex) {
						assertThat(ex).hasMessageContaining("Another socket listens on port " + port);
						lost++;
					}
				}
				stolen = thieves.finish();
			}
			System.out.println("TCP re-listens past TIME_WAIT: " + handOffs + ", lost (reported): " + lost
					+ ", served: " + served + ", thief successes: " + stolen);
			// only an SO_REUSEADDR socket fits in the window, and only one that listened
			// costs a hand-off
			assertThat(stolen).allMatch((line) -> line.contains("SO_REUSEADDR"));
			if (lost > 0) {
				assertThat(stolen).anyMatch((line) -> line.startsWith("LISTENING"));
			}
			assertThat(served).as("connections our server accepted").isEqualTo(tried).isPositive();
		}
	}

	private static PortLease renew(PortLease lease, PortReservation block, int port) {
		lease.close();
		return block.lease(port, "stress");
	}

	/**
	 * Serve one connection, closed by the client first: its {@code TIME_WAIT} sits on the
	 * client's port. (A server that closes first leaves {@code TIME_WAIT} on the served
	 * port, and re-listening past it has a window: see the next test class.)
	 */
	private static int serveOne(ServerSocketChannel server, int port) throws IOException {
		SocketChannel client = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		try (SocketChannel accepted = server.accept()) {
			boolean ours = accepted.getRemoteAddress().equals(client.getLocalAddress());
			client.close();
			return (ours && accepted.read(ByteBuffer.allocate(1)) == -1) ? 1 : 0;
		}
		finally {
			client.close();
		}
	}

	private static void report(String protocol, long start, int lost, List<String> stolen) {
		System.out.println(protocol + " hand-offs: " + HAND_OFFS + " in " + (System.nanoTime() - start) / 1_000_000
				+ " ms, lost: " + lost + ", thief successes: " + stolen.size());
	}

	private static PortReservation reserve(Protocol protocol) {
		return PortReservations.reserve(ReservationRequest.anyBlock(protocol, 1), Backend.HELD_SOCKET);
	}

	/** A same-user and an other-user thief on one port. */
	private record Thieves(ChildJvm sameUser, ChildJvm otherUser) implements AutoCloseable {

		static Thieves start(String protocol, int port) throws Exception {
			ChildJvm sameUser = PortThief.launch("steal", protocol, "120000", String.valueOf(port)).start();
			ChildJvm otherUser = null;
			try {
				otherUser = PortThief.launch("steal", protocol, "120000", String.valueOf(port)).asNobody().start();
				assertThat(sameUser.nextLine(READY)).isEqualTo("READY");
				assertThat(otherUser.nextLine(READY)).isEqualTo("READY");
				return new Thieves(sameUser, otherUser);
			}
			catch (Exception | Error ex) {
				sameUser.close();
				if (otherUser != null) {
					otherUser.close();
				}
				throw ex;
			}
		}

		/**
		 * Stop both; every line that reports a success, after the attempt counts are
		 * printed.
		 */
		List<String> finish() throws InterruptedException {
			List<String> output = new ArrayList<>(this.sameUser.finish(READY));
			output.addAll(this.otherUser.finish(READY));
			output.stream().filter((line) -> line.startsWith("ATTEMPTS")).forEach(System.out::println);
			assertThat(output).filteredOn((line) -> line.startsWith("ATTEMPTS")).hasSize(2);
			return output.stream().filter((line) -> line.startsWith("STOLEN") || line.startsWith("LISTENING")).toList();
		}

		@Override
		public void close() throws InterruptedException {
			try {
				this.sameUser.close();
			}
			finally {
				this.otherUser.close();
			}
		}

	}

}
