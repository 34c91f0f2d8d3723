package io.portreservation.heldsocket;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.portreservation.Backend;
import io.portreservation.BlockUnavailableException;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link HeldSocketReservations}, within one process. They also run on macOS,
 * where they are the first measurement of what a held port refuses there.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
class HeldSocketReservationsTests {

	@Test
	void wildcardBlockLiesBelowTheEphemeralRangeAndIsHeld() throws IOException {
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP, 8))) {
			assertThat(block.backend()).isEqualTo(Backend.HELD_SOCKET);
			assertThat(block.count()).isEqualTo(8);
			assertThat(block.firstPort()).isGreaterThanOrEqualTo(10000);
			assertThat(block.lastPort()).isLessThan(SearchRange.ephemeralRange().first()).isLessThanOrEqualTo(29999);
			assertThat(block.isValid()).isTrue();
			for (int port = block.firstPort(); port <= block.lastPort(); port++) {
				assertTcpBindRefused(port);
			}
		}
	}

	@Test
	void requestedBlockIsHeldAndReleasedOnClose() throws IOException {
		int start;
		try (PortReservation probe = reserve(ReservationRequest.anyBlock(Protocol.TCP_UDP, 4))) {
			start = probe.firstPort();
		}
		PortReservation block = reserve(ReservationRequest.of(Protocol.TCP_UDP, start, 4));
		assertThat(block.firstPort()).isEqualTo(start);
		assertTcpBindRefused(start + 3);
		assertUdpBindRefused(start + 3);
		block.close();
		assertThat(block.isValid()).isFalse();
		try (ServerSocketChannel server = ServerSocketChannel.open(); DatagramChannel udp = DatagramChannel.open()) {
			server.bind(new InetSocketAddress(start + 3));
			udp.bind(new InetSocketAddress(start + 3));
		}
	}

	@Test
	void requestedBlockWithATakenPortNamesThatPort() throws IOException {
		try (PortReservation probe = reserve(ReservationRequest.anyBlock(Protocol.TCP, 4));
				ServerSocketChannel squatter = ServerSocketChannel.open()) {
			int start = probe.firstPort();
			probe.close();
			squatter.bind(new InetSocketAddress(start + 2));
			assertThatExceptionOfType(BlockUnavailableException.class)
				.isThrownBy(() -> reserve(ReservationRequest.of(Protocol.TCP, start, 4)))
				.satisfies((ex) -> assertThat(ex.getTakenPort()).isEqualTo(start + 2))
				.withMessageStartingWith("Port " + (start + 2) + " (TCP) of the requested TCP block " + start + "-"
						+ (start + 3) + " is in use by another socket; choose a block without it, or start port 0 "
						+ "for any free block");
			// the two ports taken before the busy one were given back
			try (ServerSocketChannel again = ServerSocketChannel.open()) {
				again.bind(new InetSocketAddress(start));
			}
		}
	}

	@Test
	void tcpHandOffServesAndThePortStaysHeldAfterTheServerCloses() throws IOException {
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP, 2));
				PortLease lease = block.lease("test")) {
			int port = lease.port();
			try (ServerSocketChannel server = lease.openServerSocketChannel(null, 0);
					SocketChannel client = SocketChannel
						.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
					SocketChannel accepted = server.accept()) {
				assertThat(accepted.getRemoteAddress()).isEqualTo(client.getLocalAddress());
				assertThat(lease.isBound()).isTrue();
				assertTcpBindRefused(port);
			}
			assertTcpBindRefused(port);
			// the server served on the holder itself, which stops listening as the server
			// closes (or, on BSD, resets what it receives)
			HolderHandOffTests.awaitConnectRefused(port);
			try (ServerSocketChannel again = lease.openServerSocketChannel(InetAddress.getLoopbackAddress(), 0)) {
				assertThat(((InetSocketAddress) again.getLocalAddress()).getPort()).isEqualTo(port);
			}
		}
	}

	@Test
	void guardedBindLandsOnTheLeasedPort() throws IOException {
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP, 1));
				PortLease lease = block.lease("framework");
				ServerSocketChannel own = ServerSocketChannel.open()) {
			lease.bind(own, null, 0);
			assertThat(((InetSocketAddress) own.getLocalAddress()).getPort()).isEqualTo(lease.port());
			own.close();
			assertTcpBindRefused(lease.port());
		}
	}

	@Test
	void udpChannelReceivesEveryDatagramAndThePortStaysHeldAfterItCloses() throws IOException {
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.UDP, 1));
				PortLease lease = block.lease("dns")) {
			int port = lease.port();
			try (DatagramChannel server = lease.openDatagramChannel(null);
					DatagramChannel client = DatagramChannel.open()) {
				for (int i = 0; i < 64; i++) {
					client.send(ByteBuffer.wrap(("d" + i).getBytes(StandardCharsets.US_ASCII)),
							new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
					assertThat(new String(receive(server), StandardCharsets.US_ASCII)).isEqualTo("d" + i);
				}
				assertUdpBindRefused(port);
			}
			assertUdpBindRefused(port);
		}
	}

	@Test
	void udpServersOnAnyAddressGetEveryDatagramEvenAfterTheHolderReceivedSome() throws IOException {
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.UDP, 1));
				DatagramChannel client = DatagramChannel.open()) {
			int port = block.firstPort();
			InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
			for (int i = 0; i < 8; i++) {
				// datagrams to a held port land in the holder, which marks it with this
				// CPU
				client.send(ByteBuffer.wrap(new byte[] { 1 }), target);
			}
			for (String host : new String[] { "0.0.0.0", "::", "127.0.0.1", "::1" }) {
				try (PortLease lease = block.lease(host);
						DatagramChannel server = lease.openDatagramChannel(InetAddress.getByName(host))) {
					InetSocketAddress to = new InetSocketAddress(
							InetAddress.getByName(host.contains(":") ? "::1" : "127.0.0.1"), port);
					for (int i = 0; i < 32; i++) {
						client.send(ByteBuffer.wrap(new byte[] { (byte) i }), to);
						assertThat(receive(server)).as("datagram %d on %s", i, host).containsExactly((byte) i);
					}
				}
			}
		}
	}

	/** The next datagram, or a timeout if it went to another socket. */
	static byte[] receive(DatagramChannel server) throws IOException {
		server.configureBlocking(true);
		server.socket().setSoTimeout(2000);
		DatagramPacket packet = new DatagramPacket(new byte[512], 512);
		server.socket().receive(packet);
		return Arrays.copyOf(packet.getData(), packet.getLength());
	}

	private static PortReservation reserve(ReservationRequest request) {
		return PortReservations.reserve(request, Backend.HELD_SOCKET);
	}

	static void assertTcpBindRefused(int port) throws IOException {
		for (String host : new String[] { "0.0.0.0", "127.0.0.1", "::", "::1" }) {
			for (boolean reuse : new boolean[] { false, true }) {
				InetAddress address = InetAddress.getByName(host);
				if (isBsdHole(address, reuse)) {
					continue;
				}
				try (ServerSocketChannel thief = (address.getAddress().length == 4)
						? ServerSocketChannel.open(StandardProtocolFamily.INET) : ServerSocketChannel.open()) {
					thief.setOption(StandardSocketOptions.SO_REUSEADDR, reuse);
					assertThatIOException().as("bind %s:%d reuse=%s", host, port, reuse)
						.isThrownBy(() -> thief.bind(new InetSocketAddress(address, port)));
				}
			}
		}
	}

	static void assertUdpBindRefused(int port) throws IOException {
		for (String host : new String[] { "0.0.0.0", "127.0.0.1", "::", "::1" }) {
			for (boolean reuse : new boolean[] { false, true }) {
				InetAddress address = InetAddress.getByName(host);
				if (isBsdHole(address, reuse)) {
					continue;
				}
				try (DatagramChannel thief = (address.getAddress().length == 4)
						? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open()) {
					thief.setOption(StandardSocketOptions.SO_REUSEADDR, reuse);
					assertThatIOException().as("udp bind %s:%d reuse=%s", host, port, reuse)
						.isThrownBy(() -> thief.bind(new InetSocketAddress(address, port)));
				}
			}
		}
	}

	/**
	 * Whether BSD lets this bind succeed beside the wildcard holder: a same-user socket
	 * with {@code SO_REUSEADDR} on one specific address (macOS only; asserted as such by
	 * {@link BsdSocketFactsTests}, refused on Linux).
	 */
	private static boolean isBsdHole(InetAddress address, boolean reuse) {
		return OS.MAC.isCurrentOs() && reuse && !address.isAnyLocalAddress();
	}

}
