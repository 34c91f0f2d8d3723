package io.portreservation.heldsocket;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.portreservation.Backend;
import io.portreservation.BindLostException;
import io.portreservation.BlockExhaustedException;
import io.portreservation.BlockUnavailableException;
import io.portreservation.InvalidReservationArgumentException;
import io.portreservation.PortAlreadyLeasedException;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.WildcardSearch;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link HeldSocketReservations}: every invalid argument gets its documented
 * error, and the process's open descriptors are back to where they were afterwards.
 */
@EnabledOnOs(OS.LINUX) // counts /proc/self/fd
class HeldSocketArgumentTests {

	@BeforeAll
	static void loadEverything() throws IOException {
		// so that what is counted below is sockets, not jar files opened by class loading
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP_UDP, 2));
				PortLease tcp = block.lease("warm-up");
				PortLease udp = block.lease("warm-up")) {
			tcp.openServerSocketChannel(null, 0).close();
			udp.openDatagramChannel(null).close();
			assertThat(catchThrowable(() -> reserve(ReservationRequest.of(Protocol.TCP, block.firstPort(), 1))))
				.as("a held port is refused")
				.isNotNull();
		}
	}

	@Test
	void startPortOutOfRange() {
		assertRefused(() -> ReservationRequest.of(Protocol.TCP, -1, 1), InvalidReservationArgumentException.class,
				"first port -1 is out of range: allowed 0 (any free block) or 1..65535");
		assertRefused(() -> ReservationRequest.of(Protocol.UDP, 65536, 1), InvalidReservationArgumentException.class,
				"first port 65536 is out of range: allowed 0 (any free block) or 1..65535");
	}

	@Test
	void countOutOfRange() {
		assertRefused(() -> ReservationRequest.of(Protocol.TCP, 0, 0), InvalidReservationArgumentException.class,
				"number of ports 0 is out of range: allowed 1..65535");
		assertRefused(() -> ReservationRequest.of(Protocol.TCP, 0, 65536), InvalidReservationArgumentException.class,
				"number of ports 65536 is out of range: allowed 1..65535");
		assertRefused(() -> ReservationRequest.of(Protocol.TCP, 65000, 1000), InvalidReservationArgumentException.class,
				"number of ports 1000 is out of range: allowed 1..536 for a block that starts at port 65000 (its last "
						+ "port must not exceed 65535)");
	}

	@Test
	void timeoutNotPositive() {
		assertRefused(() -> ReservationRequest.anyBlock(Protocol.TCP, 1).withTimeout(Duration.ZERO),
				InvalidReservationArgumentException.class, "timeout PT0S is out of range: allowed a positive duration");
	}

	@Test
	void wildcardBlockLargerThanTheSearchRangeFailsAtOnceNamingTheRange() {
		int count = WildcardSearch.DEFAULT_RANGE.size() + 1;
		assertRefused(() -> reserve(ReservationRequest.anyBlock(Protocol.TCP, count)),
				InvalidReservationArgumentException.class, "search range 10000-29999 is out of range: allowed a range "
						+ "that holds " + count + " consecutive port(s) outside the ephemeral range");
	}

	@Test
	void wildcardSearchOutOfTime() {
		assertRefused(() -> reserve(ReservationRequest.anyBlock(Protocol.TCP, 8).withTimeout(Duration.ofNanos(1))),
				BlockUnavailableException.class, "No free block of 8 TCP port(s) found within the timeout of 0 ms");
	}

	@Test
	void requestedBlockWithAPortInUse() throws IOException {
		try (PortReservation other = reserve(ReservationRequest.anyBlock(Protocol.UDP, 3))) {
			int taken = other.firstPort();
			assertRefused(() -> reserve(ReservationRequest.of(Protocol.TCP_UDP, taken - 5, 10)),
					BlockUnavailableException.class, "Port " + taken + " (UDP) of the requested TCP-UDP block "
							+ (taken - 5) + "-" + (taken + 4) + " is in use by another socket");
		}
	}

	@Test
	void leaseOutsideTheBlockTwiceOrTooMany() throws IOException {
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP, 2))) {
			int first = block.firstPort();
			assertRefused(() -> block.lease(first + 2, "x"), InvalidReservationArgumentException.class, "port "
					+ (first + 2) + " is out of range: allowed a port of the block " + first + ".." + (first + 1));
			try (PortLease lease = block.lease(first, "tomcat:http")) {
				assertRefused(() -> block.lease(first, "jetty"), PortAlreadyLeasedException.class,
						"Port " + first + " is already leased to 'tomcat:http'");
				try (PortLease second = block.lease("grpc")) {
					assertRefused(() -> block.lease("more"), BlockExhaustedException.class,
							"All 2 port(s) of the TCP block " + first + "-" + (first + 1) + " are leased");
				}
				assertRefused(() -> lease.openDatagramChannel(null), IllegalStateException.class,
						"Port " + first + " belongs to a TCP block; it cannot carry UDP");
			}
		}
	}

	@Test
	void handOffToAnAddressThatIsNotLocalLeavesThePortHeld() throws IOException {
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP_UDP, 1));
				PortLease lease = block.lease("server")) {
			// TEST-NET-1, never local
			InetAddress elsewhere = InetAddress.getByName("192.0.2.1");
			assertRefused(() -> lease.openServerSocketChannel(elsewhere, 0), BindException.class,
					"Cannot assign requested address");
			assertRefused(() -> lease.openDatagramChannel(elsewhere), BindException.class,
					"Cannot assign requested address");
			AtomicReference<ServerSocketChannel> own = new AtomicReference<>();
			assertRefused(() -> {
				ServerSocketChannel channel = ServerSocketChannel.open();
				own.set(channel);
				lease.bind(channel, elsewhere, 0);
			}, BindLostException.class, "The guarded bind of a ");
			ServerSocketChannel opened = own.get();
			assertThat(opened).isNotNull();
			assertThat(opened.isOpen()).as("the caller's channel is closed").isFalse();
			HeldSocketReservationsTests.assertTcpBindRefused(lease.port());
			HeldSocketReservationsTests.assertUdpBindRefused(lease.port());
			try (ServerSocketChannel server = lease.openServerSocketChannel(null, 0);
					DatagramChannel udp = lease.openDatagramChannel(null)) {
				assertThat(server.isOpen()).isTrue();
			}
		}
	}

	@Test
	void leaseAfterTheBlockIsReleased() {
		PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP, 1));
		// no lease yet: the bookkeeping is made by the first one
		assertThat(block.freeCount()).isOne();
		assertThat(block.leases()).isEmpty();
		assertThat(block.isValid()).isTrue();
		block.close();
		block.close();
		assertThat(block.isValid()).isFalse();
		assertRefused(() -> block.lease("late"), IllegalStateException.class,
				"The TCP block " + block.firstPort() + "-" + block.firstPort() + " has been released");
	}

	private static void assertRefused(ThrowingCallable call, Class<? extends Throwable> type, String message) {
		long before = openDescriptors();
		Throwable thrown = catchThrowable(call);
		assertThat(thrown).isInstanceOf(type).hasMessageStartingWith(message);
		assertThat(openDescriptors()).as("open sockets after: %s", message).isEqualTo(before);
	}

	private static PortReservation reserve(ReservationRequest request) {
		return PortReservations.reserve(request, Backend.HELD_SOCKET);
	}

	/**
	 * The sockets this process has open. Only sockets: class loading opens jar files
	 * lazily (the first AssertJ call, say), which would make a count of every descriptor
	 * flaky without telling anything about the backend.
	 */
	static long openDescriptors() {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.filter(HeldSocketArgumentTests::isSocket).count();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isSocket(Path fd) {
		try {
			return Files.readSymbolicLink(fd).toString().startsWith("socket:");
		}
		catch (IOException ex) {
			// closed while listing (the listing's own descriptor among them)
			return false;
		}
	}

}
