package io.portreservation.heldsocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.portreservation.Backend;
import io.portreservation.BlockUnavailableException;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the held-socket backend's JDK path ({@link JdkSocketCalls}): with
 * {@value DescriptorChannels#FLAG} nothing of JNA loads, without it JNA still holds the
 * ports; descriptors kept as bare numbers survive garbage collection; and the
 * {@code TIME_WAIT} retry does not join another process's bound socket.
 */
@EnabledOnOs(OS.LINUX)
class HeldSocketJdkNativesTests {

	private static final List<String> CLASS_LOG = List.of("-Xlog:class+load=info:stdout");

	@Test
	void withTheFlagAReservationAndItsHandOffsLoadNoJnaClass() throws Exception {
		List<String> options = new ArrayList<>(CLASS_LOG);
		options.addAll(List.of("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"));
		List<String> output = run(options);
		assertThat(output).contains("CALLS JdkSocketCalls", "JNA_LOADED null");
		// the log works: it names the backend's classes as they load
		assertThat(output).anyMatch((line) -> line.contains(" io.portreservation.heldsocket.JdkSocketCalls "));
		assertThat(output).noneMatch((line) -> line.contains("com.sun.jna."));
	}

	@Test
	void withoutTheFlagJnaStillHoldsAndHandsOver() throws Exception {
		List<String> output = run(CLASS_LOG);
		assertThat(output).contains("CALLS LibCSocketCalls", "JNA_LOADED true");
		assertThat(output).anyMatch((line) -> line.contains(" com.sun.jna.Native "));
	}

	@Test
	void holdersKeptAsBareNumbersStayBoundThroughGarbageCollection() throws Exception {
		assertThat(SocketCalls.get()).isInstanceOf(JdkSocketCalls.class);
		try (PortReservation block = reserve(ReservationRequest.anyBlock(Protocol.TCP_UDP, 16))) {
			// every FileDescriptor the JDK's natives were given is garbage now: none may
			// close a holder
			for (int i = 0; i < 5; i++) {
				byte[][] garbage = new byte[64][];
				for (int j = 0; j < garbage.length; j++) {
					garbage[j] = new byte[64 * 1024];
				}
				System.gc();
				Thread.sleep(20);
			}
			for (int port = block.firstPort(); port <= block.lastPort(); port++) {
				HeldSocketReservationsTests.assertTcpBindRefused(port);
				HeldSocketReservationsTests.assertUdpBindRefused(port);
			}
		}
	}

	@Test
	void aPortAnotherProcessBoundWithReuseAddressIsNotJoined() throws Exception {
		int port;
		try (PortReservation probe = reserve(ReservationRequest.anyBlock(Protocol.TCP, 1))) {
			port = probe.firstPort();
		}
		try (ChildJvm other = PortThief.launch("bindreuse", Integer.toString(port)).start()) {
			assertThat(other.nextLine(Duration.ofSeconds(30))).isEqualTo("BOUND");
			// plain binds are refused; an SO_REUSEADDR bind would share the port with it
			// (it does not listen)
			assertThatExceptionOfType(BlockUnavailableException.class)
				.isThrownBy(() -> reserve(ReservationRequest.of(Protocol.TCP, port, 1)).close())
				.withMessageContaining("Port " + port + " (TCP)");
		}
	}

	private static List<String> run(List<String> options) throws Exception {
		try (ChildJvm child = ChildJvm.launch(HandOffChild.class).jvmArgs(options.toArray(new String[0])).start()) {
			List<String> output = child.finish(Duration.ofSeconds(60));
			assertThat(output).anyMatch((line) -> line.startsWith("DONE "));
			return output;
		}
	}

	private static PortReservation reserve(ReservationRequest request) {
		return PortReservations.reserve(request, Backend.HELD_SOCKET);
	}

}
