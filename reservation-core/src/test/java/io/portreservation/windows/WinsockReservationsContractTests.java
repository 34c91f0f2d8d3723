package io.portreservation.windows;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import io.portreservation.Backend;
import io.portreservation.BlockUnavailableException;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.testfixtures.OpenSockets;
import io.portreservation.testfixtures.PortThief;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * What the Winsock backend must do wherever it runs: against the real ws2_32.dll
 * ({@link WinsockReservationsWindowsTests}) and against the Linux stand-in
 * ({@link WinsockReservationsStandInTests}). A second process tries to take the ports.
 */
abstract class WinsockReservationsContractTests {

	/**
	 * A wildcard TCP block is reported as Winsock's, with a token, and a second process
	 * binding its ports (TCP, four addresses, with and without SO_REUSEADDR) gets none
	 * while it is held and every one after it is released. On the stand-in the ports are
	 * held by its own Linux sockets, so this proves our flow, not what Windows refuses.
	 */
	@Test
	void wildcardBlockIsHeldAgainstAnotherProcessUntilReleased() throws Exception {
		PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP, 8));
		assertThat(block.backend()).isEqualTo(Backend.WINSOCK);
		assertThat(block.count()).isEqualTo(8);
		assertThat(block.token()).isNotZero();
		assertThat(block.isValid()).isTrue();
		int[] ports = IntStream.rangeClosed(block.firstPort(), block.lastPort()).toArray();
		assertThat(PortThief.sweep("tcp", ports)).isEmpty();
		block.close();
		assertThat(block.isValid()).isFalse();
		// the same thief takes every port once the block is released: it can fail
		assertThat(PortThief.sweep("tcp", ports)).hasSize(8 * 8);
	}

	/**
	 * A TCP+UDP block asked for at a start port starts there (the start port survives
	 * both byte-order conversions) and a second process binds none of its TCP or UDP
	 * ports.
	 */
	@Test
	void requestedTcpAndUdpBlockStartsWhereAsked() throws Exception {
		int start = freeStart(Protocol.TCP_UDP, 4);
		try (PortReservation block = reserve(ReservationRequest.of(Protocol.TCP_UDP, start, 4))) {
			// the start port survived both byte-order conversions
			assertThat(block.firstPort()).isEqualTo(start);
			assertThat(PortThief.sweep("tcp", start, start + 3)).isEmpty();
			assertThat(PortThief.sweep("udp", start, start + 3)).isEmpty();
		}
	}

	/**
	 * A leased TCP port is served by an associated JDK channel bound on it; while served
	 * and after the server closed, a second process cannot bind it, and the same lease
	 * binds it again.
	 */
	@Test
	void tcpHandOffServesAndThePortStaysReservedAfterTheServerCloses() throws Exception {
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP, 2));
				PortLease lease = block.lease("test")) {
			int port = lease.port();
			try (ServerSocketChannel server = lease.openServerSocketChannel(null, 0);
					SocketChannel client = SocketChannel
						.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
					SocketChannel accepted = server.accept()) {
				assertThat(accepted.getRemoteAddress()).isEqualTo(client.getLocalAddress());
				assertThat(lease.isBound()).isTrue();
				assertThat(PortThief.sweep("tcp", port)).isEmpty();
			}
			assertThat(PortThief.sweep("tcp", port)).isEmpty();
			assertThatIOException().isThrownBy(
					() -> SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).close());
			try (ServerSocketChannel again = lease.openServerSocketChannel(InetAddress.getLoopbackAddress(), 0)) {
				assertThat(((InetSocketAddress) again.getLocalAddress()).getPort()).isEqualTo(port);
			}
		}
	}

	/**
	 * A leased UDP port receives every datagram sent to it through an associated JDK
	 * channel, and a second process cannot bind it while served or after the channel
	 * closed.
	 */
	@Test
	void udpChannelReceivesEveryDatagramAndThePortStaysReservedAfterItCloses() throws Exception {
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.UDP, 1));
				PortLease lease = block.lease("dns")) {
			int port = lease.port();
			try (DatagramChannel server = lease.openDatagramChannel(null);
					DatagramChannel client = DatagramChannel.open()) {
				for (int i = 0; i < 64; i++) {
					client.send(ByteBuffer.wrap(("d" + i).getBytes(StandardCharsets.US_ASCII)),
							new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
					ByteBuffer received = ByteBuffer.allocate(16);
					server.receive(received);
					assertThat(new String(received.array(), 0, received.position(), StandardCharsets.US_ASCII))
						.isEqualTo("d" + i);
				}
				assertThat(PortThief.sweep("udp", port)).isEmpty();
			}
			assertThat(PortThief.sweep("udp", port)).isEmpty();
		}
	}

	/**
	 * A lease bound to an address of another machine fails with a BindException quoting
	 * the native probe's real code (WSAEADDRNOTAVAIL, read where JNA saved it), the lease
	 * stays unbound, and no TCP/UDP socket is left open.
	 */
	@Test
	void bindToAnAddressOfAnotherMachineIsExplainedByTheNativeProbe() throws IOException {
		int before = OpenSockets.count();
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP, 1));
				PortLease lease = block.lease("wrong-address")) {
			assertThatExceptionOfType(BindException.class)
				.isThrownBy(() -> lease.openServerSocketChannel(InetAddress.getByName("192.0.2.1"), 0))
				.withMessageContaining("WSAEADDRNOTAVAIL (10049): the address is not an address of this machine");
			assertThat(lease.isBound()).isFalse();
		}
		assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(before);
	}

	/**
	 * A requested block with a port in use fails with BlockUnavailableException naming
	 * that port, its code (WSAEADDRINUSE) and the netsh command for excluded ranges;
	 * nothing of the block stays held and no TCP/UDP socket is left open.
	 */
	@Test
	void blockWithATakenPortIsUnavailableWithTheExcludedRangeCommandAndLeavesNothingHeld() throws IOException {
		int start = freeStart(Protocol.TCP, 4);
		int before = OpenSockets.count();
		try (ServerSocketChannel squatter = ServerSocketChannel.open()) {
			squatter.bind(new InetSocketAddress(start + 2));
			assertThatExceptionOfType(BlockUnavailableException.class)
				.isThrownBy(() -> reserve(ReservationRequest.of(Protocol.TCP, start, 4)))
				.withMessageContaining("in use, or inside an excluded port range")
				.withMessageContaining("Port " + (start + 2) + " (TCP): a plain bind fails with WSAEADDRINUSE (10048)")
				.withMessageContaining("netsh int ipv4 show excludedportrange protocol=tcp")
				.satisfies((ex) -> assertThat(ex.getTakenPort()).isEqualTo(start + 2));
			try (ServerSocketChannel again = ServerSocketChannel.open()) {
				again.bind(new InetSocketAddress(start));
			}
		}
		assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(before);
	}

	/**
	 * Eight threads closing a TCP+UDP block at once, twenty times, release it exactly
	 * once (the lease's channel closes with it) and leave no TCP/UDP socket open.
	 */
	@Test
	void closeIsIdempotentAndSafeFromManyThreadsAtOnce() throws Exception {
		int before = OpenSockets.count();
		for (int round = 0; round < 20; round++) {
			PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP_UDP, 4));
			PortLease lease = block.lease("busy");
			lease.openServerSocketChannel(null, 0);
			CountDownLatch start = new CountDownLatch(1);
			List<Thread> closers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				Thread closer = new Thread(() -> {
					awaitQuietly(start);
					block.close();
				});
				closer.start();
				closers.add(closer);
			}
			start.countDown();
			for (Thread closer : closers) {
				closer.join(10_000);
			}
			block.close();
			assertThat(block.isValid()).isFalse();
			assertThat(lease.isBound()).isFalse();
		}
		assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(before);
	}

	static PortReservation reserve(ReservationRequest request) {
		return PortReservations.reserve(request, Backend.WINSOCK);
	}

	/**
	 * A start port whose block is free right now, found by reserving and releasing it.
	 */
	static int freeStart(Protocol protocol, int count) {
		try (PortReservation probe = reserve(ReservationRequest.anyBlock(protocol, count))) {
			return probe.firstPort();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
