package io.portreservation.windows;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;

import io.portreservation.BlockUnavailableException;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.UnsupportedPlatformException;
import io.portreservation.testfixtures.OpenSockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WinsockReservations}: the unchanged Winsock backend, loaded against
 * the ws2_32 stand-in (a forked JVM with the stand-in preloaded, see the pom). They prove
 * our marshalling, flow and error handling, not the Windows kernel's behaviour.
 */
@Tag("winsock-stand-in")
class WinsockReservationsStandInTests extends WinsockReservationsContractTests {

	@AfterEach
	void resetStandIn() {
		StandIn.reset();
	}

	/**
	 * A caller's own channel bound through a lease lands on the leased port whatever
	 * lpcbBytesReturned the stand-in reports for ASSOCIATE (0, 8 or 16): the backend does
	 * not depend on it.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "0", "8", "16" })
	void guardedBindLandsOnTheLeasedPortWhateverBytesReturnedSays(String bytesReturned) throws IOException {
		StandIn.set("bytes_returned", bytesReturned);
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP, 1));
				PortLease lease = block.lease("framework");
				ServerSocketChannel own = ServerSocketChannel.open()) {
			lease.bind(own, null, 0);
			assertThat(((InetSocketAddress) own.getLocalAddress()).getPort()).isEqualTo(lease.port());
		}
	}

	/**
	 * A JDK channel of this process that is not associated is refused a port of the block
	 * with the error the stand-in is set to give; proves the stand-in's setting reaches
	 * the JDK, not Windows' answer.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "eacces", "eaddrinuse" })
	void unassociatedSocketOfThisProcessIsRefusedAsConfigured(String answer) throws IOException {
		StandIn.set("unassociated_bind", answer);
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP, 1));
				ServerSocketChannel intruder = ServerSocketChannel.open()) {
			assertThatExceptionOfType(BindException.class)
				.isThrownBy(() -> intruder.bind(new InetSocketAddress(block.firstPort())))
				.withMessageContaining(answer.equals("eacces") ? "Permission denied" : "Address already in use");
		}
	}

	/**
	 * Where unassociated binds are allowed and one took the leased port, the lease's bind
	 * fails with a message quoting the JDK and the native probe's WSAEADDRINUSE.
	 */
	@Test
	void whereUnassociatedBindsAreAllowedALeaseBindFailureNamesTheRealCause() throws IOException {
		StandIn.set("unassociated_bind", "allow");
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP, 1));
				PortLease lease = block.lease("late");
				ServerSocketChannel intruder = ServerSocketChannel.open()) {
			intruder.bind(new InetSocketAddress(lease.port()));
			assertThatExceptionOfType(BindException.class).isThrownBy(() -> lease.openServerSocketChannel(null, 0))
				.withMessageContaining("the JDK said")
				.withMessageContaining("WSAEADDRINUSE (10048)");
		}
	}

	/**
	 * A block overlapping an excluded range fails with BlockUnavailableException naming
	 * the first refused port, WSAEACCES and the netsh command for UDP.
	 */
	@Test
	void excludedRangeIsReportedLikeAPortInUse() {
		int start = freeStart(Protocol.UDP, 10);
		StandIn.set("excluded", (start + 5) + "-" + (start + 20));
		assertThatExceptionOfType(BlockUnavailableException.class)
			.isThrownBy(() -> reserve(ReservationRequest.of(Protocol.UDP, start, 10)))
			.withMessageContaining("Port " + (start + 5) + " (UDP): a plain bind fails with WSAEACCES (10013)")
			.withMessageContaining("netsh int ipv4 show excludedportrange protocol=udp")
			.satisfies((ex) -> assertThat(ex.getTakenPort()).isEqualTo(start + 5));
	}

	/**
	 * An ACQUIRE that never returns is aborted at the timeout by closing its socket: the
	 * failure names the timeout and carries the aborted call's WSA_OPERATION_ABORTED, and
	 * no TCP/UDP socket is left open.
	 */
	@Test
	@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void hungAcquireIsAbortedByClosingItsSocketAtTheTimeout() {
		StandIn.set("acquire", "hang");
		int before = OpenSockets.count();
		assertThatExceptionOfType(BlockUnavailableException.class)
			.isThrownBy(() -> reserve(ReservationRequest.anyBlock(Protocol.TCP, 4).withTimeout(Duration.ofMillis(200))))
			.withMessageContaining("did not complete in time; its socket was closed")
			.withRootCauseInstanceOf(io.portreservation.windows.jna.WinsockException.class)
			.satisfies((ex) -> assertThat(ex.getCause()).hasMessageContaining("WSA_OPERATION_ABORTED (995)"));
		assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(before);
	}

	/**
	 * Proves that every raw socket the backend makes (the reservation's, the TCP and UDP
	 * blocks', the bind-diagnosis probe and the taken-port search) is created through
	 * {@code WSASocketW} with {@code WSA_FLAG_NO_HANDLE_INHERIT}, as the stand-in records
	 * it. Does not prove how Windows then treats a child process: the workflow's
	 * inheritance step does.
	 */
	@Test
	void noRawSocketOfTheBackendIsInheritable() throws IOException {
		int start = freeStart(Protocol.TCP, 4);
		int before = StandIn.INSTANCE.standin_inheritable_created();
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP_UDP, 4));
				PortLease lease = block.lease("inheritance");
				ServerSocketChannel server = lease.openServerSocketChannel(null, 0);
				ServerSocketChannel squatter = ServerSocketChannel.open()) {
			squatter.bind(new InetSocketAddress(start + 1));
			// the taken-port search opens its probes; the diagnosis probe runs on a
			// failed bind
			assertThatExceptionOfType(BlockUnavailableException.class)
				.isThrownBy(() -> reserve(ReservationRequest.of(Protocol.TCP, start, 4)));
			try (PortLease other = block.lease("wrong-address")) {
				assertThatExceptionOfType(BindException.class)
					.isThrownBy(() -> other.openServerSocketChannel(java.net.InetAddress.getByName("192.0.2.1"), 0));
			}
		}
		assertThat(StandIn.INSTANCE.standin_inheritable_created()).isEqualTo(before);
	}

	/**
	 * Proves that an acquisition whose deadline has passed is never started: no
	 * {@code SIO_ACQUIRE_PORT_RESERVATION} reaches the stand-in, no socket is left open,
	 * and the failure says to raise the timeout. The handle-reuse race itself (a timeout
	 * closing a socket the worker is about to use) is narrowed by the worker/timeout
	 * state, which {@link #hungAcquireIsAbortedByClosingItsSocketAtTheTimeout()}
	 * exercises, not proven absent.
	 */
	@Test
	void acquisitionWhoseDeadlineHasPassedIsNeverStarted() {
		int sockets = OpenSockets.count();
		int calls = StandIn.INSTANCE.standin_acquire_calls();
		assertThatExceptionOfType(BlockUnavailableException.class)
			.isThrownBy(
					() -> reserve(ReservationRequest.anyBlock(Protocol.TCP_UDP, 4).withTimeout(Duration.ofNanos(1))))
			.withMessageContaining(
					"ran out before WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION, TCP any 4 port(s)) could start")
			.withMessageContaining("Raise the acquire timeout")
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(BlockUnavailableException.Reason.TIMED_OUT));
		assertThat(StandIn.INSTANCE.standin_acquire_calls()).isEqualTo(calls);
		assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(sockets);
	}

	/**
	 * WSAEOPNOTSUPP from ACQUIRE (Wine's answer) becomes UnsupportedPlatformException
	 * that names Wine and the held-socket backend.
	 */
	@Test
	void wineAnswerMeansUnsupportedPlatform() {
		StandIn.set("acquire", "unsupported");
		assertThatExceptionOfType(UnsupportedPlatformException.class)
			.isThrownBy(() -> reserve(ReservationRequest.anyBlock(Protocol.TCP, 4)))
			.withMessageContaining("WSAEOPNOTSUPP (10045)")
			.withMessageContaining("Wine")
			.withMessageContaining("held-socket");
	}

	/**
	 * A Windows build older than 17763, as RtlGetVersion reports it, is refused by number
	 * before anything is reserved.
	 */
	@Test
	void windowsBuildBefore1809IsRefusedBeforeAnythingIsReserved() {
		StandIn.set("build", "17134");
		assertThatExceptionOfType(UnsupportedPlatformException.class)
			.isThrownBy(() -> reserve(ReservationRequest.anyBlock(Protocol.TCP, 4)))
			.withMessageContaining("build 17134");
	}

	/**
	 * A persistent reservation created in the stand-in is found by its start and count
	 * and serves a leased port; the stand-in's persistent reservations hold no ports, so
	 * nothing about other processes is proven.
	 */
	@Test
	void persistentReservationIsUsedByItsStartAndCount() throws IOException {
		int start = freeStart(Protocol.TCP, 4);
		StandIn.set("elevated", "1");
		PersistentReservations.create(Protocol.TCP, start, 4);
		try (PortReservation block = reserve(ReservationRequest.persistent(Protocol.TCP, start, 4));
				PortLease lease = block.lease("admin-made");
				ServerSocketChannel server = lease.openServerSocketChannel(null, 0)) {
			assertThat(block.firstPort()).isEqualTo(start);
			assertThat(((InetSocketAddress) server.getLocalAddress()).getPort()).isEqualTo(lease.port());
		}
		finally {
			PersistentReservations.delete(Protocol.TCP, start, 4);
		}
	}

	/**
	 * Without elevation, WSAEACCES from associating with a persistent token fails the
	 * reservation at once with a message that an elevated Administrators member is
	 * needed.
	 */
	@Test
	void persistentReservationWithoutElevationSaysAdministratorsMembershipIsNeeded() {
		int start = freeStart(Protocol.UDP, 2);
		StandIn.set("elevated", "1");
		PersistentReservations.create(Protocol.UDP, start, 2);
		try {
			StandIn.set("elevated", "0");
			assertThatExceptionOfType(UnsupportedPlatformException.class)
				.isThrownBy(() -> reserve(ReservationRequest.persistent(Protocol.UDP, start, 2)))
				.withMessageContaining("elevated member of the Administrators group")
				.withMessageContaining("WSAEACCES (10013)");
		}
		finally {
			StandIn.set("elevated", "1");
			PersistentReservations.delete(Protocol.UDP, start, 2);
		}
	}

	/**
	 * A persistent request with no such reservation fails with a message naming the block
	 * and the command that creates it.
	 */
	@Test
	void missingPersistentReservationSaysHowToCreateIt() {
		assertThatExceptionOfType(BlockUnavailableException.class)
			.isThrownBy(() -> reserve(ReservationRequest.persistent(Protocol.TCP, 50000, 7)))
			.withMessageContaining("no persistent TCP 50000-50006 reservation")
			.withMessageContaining("persistent-create TCP 50000 7");
	}

}
