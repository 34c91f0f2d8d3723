package io.portreservation.windows;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.portreservation.Backend;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.UnsupportedPlatformException;
import io.portreservation.testfixtures.ChildJvm;
import io.portreservation.testfixtures.OpenSockets;
import io.portreservation.testfixtures.PortThief;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * IPv4-only (AF_INET) channels against the stand-in, which refuses to associate a socket
 * with a token acquired on the other family (the strictest answer Windows could give;
 * whether Windows does is recorded by the facts recorder, not known).
 */
@Tag("winsock-stand-in")
class WinsockAddressFamilyStandInTests {

	@AfterEach
	void resetStandIn() {
		StandIn.reset();
	}

	/**
	 * Proves that a channel opened with {@code StandardProtocolFamily.INET} in a
	 * dual-stack JVM is refused before anything is associated or bound, with a message
	 * that says what to do; the lease stays unbound, the port stays reserved (a second
	 * process cannot take it), a default channel then binds it, and no socket leaks.
	 */
	@Test
	void ipv4OnlyChannelIsRefusedWithWhatToDoAndThePortStaysReserved() throws Exception {
		int sockets = OpenSockets.count();
		try (PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 2),
				Backend.WINSOCK); PortLease lease = block.lease("ipv4-only")) {
			try (ServerSocketChannel ipv4 = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
				assertThatExceptionOfType(UnsupportedPlatformException.class)
					.isThrownBy(() -> lease.bind(ipv4, null, 0))
					.withMessageContaining("Port " + lease.port() + " of the TCP " + block.firstPort())
					.withMessageContaining("IPv4-only (AF_INET) channel")
					.withMessageContaining("acquired on an AF_INET6 socket")
					.withMessageContaining("-Djava.net.preferIPv4Stack=true");
				assertThat(ipv4.isOpen()).as("the refused channel is closed, never bound").isFalse();
			}
			assertThat(lease.isBound()).isFalse();
			assertThat(PortThief.sweep("tcp", lease.port())).isEmpty();
			try (ServerSocketChannel server = lease.openServerSocketChannel(null, 0)) {
				assertThat(((InetSocketAddress) server.getLocalAddress()).getPort()).isEqualTo(lease.port());
			}
		}
		assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(sockets);
	}

	/**
	 * Proves that under {@code -Djava.net.preferIPv4Stack=true} (a child JVM on the
	 * stand-in) the blocks are acquired on AF_INET, so the JDK's IPv4-only channels are
	 * associated and serve TCP and UDP on their leased ports; with the AF_INET6
	 * acquisition this backend used before, the stand-in refuses the association.
	 */
	@Test
	void underPreferIpv4StackTheBlockIsAcquiredOnAfInetAndServes() throws Exception {
		String nativeDir = System.getProperty("jna.library.path");
		try (ChildJvm child = ChildJvm.launch(ServeIpv4.class)
			.standardJvm()
			.mergeStderr()
			.jvmArgs("-Djava.net.preferIPv4Stack=true", "-Djna.library.path=" + nativeDir, "--add-opens",
					"java.base/sun.nio.ch=ALL-UNNAMED")
			.env("LD_PRELOAD", new File(nativeDir, "libws2_32.so").getAbsolutePath())
			.start()) {
			List<String> output = child.finish(Duration.ofSeconds(60));
			assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).as("the child exits").isTrue();
			assertThat(child.process().exitValue()).as(output.toString()).isZero();
			assertThat(output).as(output.toString()).contains("TCP served", "UDP served");
		}
	}

	/**
	 * The child: a TCP+UDP block, a TCP exchange and a UDP datagram on leased ports, over
	 * IPv4.
	 */
	static final class ServeIpv4 {

		public static void main(String[] args) throws Exception {
			InetAddress loopback = InetAddress.getByName("127.0.0.1");
			try (PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP_UDP, 2),
					Backend.WINSOCK); PortLease tcp = block.lease("tcp"); PortLease udp = block.lease("udp")) {
				try (ServerSocketChannel server = tcp.openServerSocketChannel(loopback, 0);
						SocketChannel client = SocketChannel.open(new InetSocketAddress(loopback, tcp.port()));
						SocketChannel accepted = server.accept()) {
					client.write(ByteBuffer.wrap(new byte[] { 42 }));
					ByteBuffer read = ByteBuffer.allocate(1);
					accepted.read(read);
					System.out.println((read.get(0) == 42
							&& accepted.getLocalAddress().equals(new InetSocketAddress(loopback, tcp.port())))
									? "TCP served" : "TCP wrong");
				}
				try (DatagramChannel receiver = udp.openDatagramChannel(loopback);
						DatagramChannel sender = DatagramChannel.open()) {
					sender.send(ByteBuffer.wrap(new byte[] { 7 }), new InetSocketAddress(loopback, udp.port()));
					ByteBuffer read = ByteBuffer.allocate(1);
					receiver.receive(read);
					System.out.println((read.get(0) == 7) ? "UDP served" : "UDP wrong");
				}
			}
		}

	}

}
