package io.portreservation.heldsocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import com.sun.jna.Memory;
import io.portreservation.Backend;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * What BSD's socket rules (XNU's {@code in_pcbbind} and {@code soconnectlock}, read in
 * Apple's sources) mean for a held block, measured on macOS. Only the macOS workflow runs
 * these: they record the platform's behaviour, holes included, so that
 * {@code docs/platforms.md} can say what is measured rather than predicted. If one fails
 * there, macOS differs from the source reading and the docs' macOS column must change.
 * <ul>
 * <li>Only the new socket's options decide a wildcard/specific overlap, so a same-user
 * socket with {@code SO_REUSEADDR} binds {@code 127.0.0.1:P} beside the {@code [::]:P}
 * holder, listens even while our server listens, and receives the connections to that
 * address.</li>
 * <li>A second {@code [::]:P} bind beside the holder needs {@code SO_REUSEPORT} on both
 * sockets, which the holder never sets: no hand-off may rely on a second socket.</li>
 * <li>{@code connect(AF_UNSPEC)} cannot stop a listening socket, hence
 * {@link StrayReset}.</li>
 * </ul>
 * The Linux counterparts are the thief tests ({@code HeldPortThiefTests},
 * {@link HeldSocketReservationsTests}) and {@link StrayResetTests}.
 */
@EnabledOnOs(OS.MAC)
class BsdSocketFactsTests {

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "::1" })
	void aSameUserSocketWithReuseAddressBindsOneAddressBesideTheHolder(String host) throws IOException {
		try (PortReservation block = reserveOne()) {
			int port = block.firstPort();
			try (ServerSocketChannel thief = open(host)) {
				thief.setOption(StandardSocketOptions.SO_REUSEADDR, true);
				thief.bind(new InetSocketAddress(InetAddress.getByName(host), port));
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "::1" })
	void aSocketWithoutReuseAddressCannotBindOneAddressBesideTheHolder(String host) throws IOException {
		try (PortReservation block = reserveOne(); ServerSocketChannel thief = open(host)) {
			thief.setOption(StandardSocketOptions.SO_REUSEADDR, false);
			assertThatIOException()
				.isThrownBy(() -> thief.bind(new InetSocketAddress(InetAddress.getByName(host), block.firstPort())));
		}
	}

	@Test
	void whileOurServerListensOnTheHolderASameUserSocketOnLoopbackReceivesTheConnectsToLoopback() throws IOException {
		try (PortReservation block = reserveOne();
				PortLease lease = block.lease("server");
				ServerSocketChannel server = lease.openServerSocketChannel(null, 0);
				ServerSocketChannel thief = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
			int port = lease.port();
			thief.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			thief.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
			thief.configureBlocking(false);
			try (SocketChannel client = SocketChannel
				.open(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port))) {
				assertThat(awaitAccept(thief)).as("the loopback thief accepted the connect").isTrue();
			}
		}
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void aSecondWildcardBindBesideTheHolderIsRefusedWhateverTheNewSocketSets(boolean reusePort) throws IOException {
		try (PortReservation block = reserveOne(); ServerSocketChannel second = ServerSocketChannel.open()) {
			second.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			second.setOption(StandardSocketOptions.SO_REUSEPORT, reusePort);
			assertThatIOException().isThrownBy(() -> second.bind(new InetSocketAddress(block.firstPort())));
		}
	}

	@Test
	void twoWildcardSocketsShareAPortOnlyWhenBothSetReusePort() throws IOException {
		try (ServerSocketChannel first = ServerSocketChannel.open();
				ServerSocketChannel second = ServerSocketChannel.open()) {
			first.setOption(StandardSocketOptions.SO_REUSEPORT, true);
			first.bind(new InetSocketAddress(0));
			int port = ((InetSocketAddress) first.getLocalAddress()).getPort();
			second.setOption(StandardSocketOptions.SO_REUSEPORT, true);
			second.bind(new InetSocketAddress(port));
		}
	}

	@Test
	void connectWithAddressFamilyUnspecifiedCannotStopAListeningHolder() throws IOException {
		HeldBlock held = new BlockAcquisition(ReservationRequest.anyBlock(Protocol.TCP, 1), SocketCalls.get())
			.acquire();
		try (PortReservation block = new HeldSocketReservation(Protocol.TCP, held);
				PortLease lease = block.lease("server");
				ServerSocketChannel server = lease.openServerSocketChannel(null, 0)) {
			int holder = held.tcp().fd(lease.port());
			Memory unspecified = new Memory(16);
			unspecified.clear();
			unspecified.setByte(0, (byte) 16);
			assertThat(LibC.connect(holder, unspecified, 16)).isEqualTo(-1);
			try (SocketChannel client = SocketChannel
				.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), lease.port()));
					SocketChannel accepted = server.accept()) {
				assertThat(accepted.getRemoteAddress()).isEqualTo(client.getLocalAddress());
			}
		}
	}

	private static PortReservation reserveOne() {
		return PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 1), Backend.HELD_SOCKET);
	}

	private static ServerSocketChannel open(String host) throws IOException {
		return host.contains(":") ? ServerSocketChannel.open() : ServerSocketChannel.open(StandardProtocolFamily.INET);
	}

	private static boolean awaitAccept(ServerSocketChannel channel) throws IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (System.nanoTime() - deadline < 0) {
			try (SocketChannel accepted = channel.accept()) {
				if (accepted != null) {
					return true;
				}
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return false;
	}

}
