package io.portreservation.boot.diagnostics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.testsupport.PortHolder;
import io.portreservation.boot.testsupport.TestServer;
import io.portreservation.testfixtures.OpenSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every startup failure this library can cause ends in Boot's failure report, with a
 * description and an action naming real properties, and leaves no socket behind. Real
 * applications, real sockets, python3 processes as holders.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "holds ports from python3 processes and reads /proc")
@ExtendWith(OutputCaptureExtension.class)
class ReservationFailureAnalysisIntegrationTests {

	@Test
	void portBoundWithoutListeningByAnotherProcessNamesItsPid(CapturedOutput output) throws Exception {
		try (PortHolder holder = PortHolder.startBound()) {
			int socketsBefore = OpenSockets.count();
			assertThatException().isThrownBy(() -> TestServer.TOMCAT_SERVLET
				.application("port-reservation.start-port=" + holder.port(), "port-reservation.port-count=1")
				.run());
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("cannot be reserved: port " + holder.port() + " is in use, held by process " + holder.pid()
						+ " (")
				.contains("port_holder")
				.contains("found by reading the address of every socket no /proc/net table lists")
				.contains("Stop process " + holder.pid() + " (")
				.doesNotContain("ss -tulpn");
			assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(socketsBefore);
		}
	}

	@Test
	void commandGivenForAListedSocketNamesItsHolderOnAStockLinux() throws Exception {
		try (PortHolder holder = PortHolder.start()) {
			PortHolders.Lookup lookup = PortHolders.find(holder.port(), Protocol.TCP);
			assertThat(lookup.holders()).extracting(PortHolders.Holder::pid).containsExactly(holder.pid());
			assertThat(lookup.describe()).contains("found through /proc/net/tcp6 (socket inode ");
			// the command the report gives when the holder is another user's process
			String command = lookup.command();
			assertThat(command).isNotNull();
			assertThat(run(command)).contains("/proc/" + holder.pid() + "/fd/");
		}
	}

	@Test
	void portHeldByThisApplicationItselfIsNotBlamedOnAnotherProcess(CapturedOutput output) {
		try (PortReservation own = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 2))) {
			assertThatException().isThrownBy(() -> TestServer.JETTY_SERVLET
				.application("port-reservation.start-port=" + own.firstPort(), "port-reservation.port-count=2")
				.run());
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("held by this application itself (process " + ProcessHandle.current().pid() + ")")
				.contains("This application holds the port already: another application context in this JVM, or a "
						+ "socket it opened itself.")
				.doesNotContain("Stop process");
		}
	}

	@Test
	void overlappingBlocksOfOneApplicationAreReportedAsSuch(CapturedOutput output) {
		int socketsBefore = OpenSockets.count();
		assertThatException()
			.isThrownBy(() -> TestServer.TOMCAT_SERVLET.application("port-reservation.start-port=20000",
					"port-reservation.port-count=8", "port-reservation.blocks.media.start-port=20004",
					"port-reservation.blocks.media.port-count=8", "port-reservation.blocks.media.protocol=tcp-udp")
				.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains(
					"The port blocks 'default' (TCP, port-reservation.start-port=20000, port-reservation.port-count=8) "
							+ "and 'media' (TCP-UDP, port-reservation.blocks.media.start-port=20004, "
							+ "port-reservation.blocks.media.port-count=8) of this application overlap on ports 20004-20007: "
							+ "one application cannot reserve a port twice.")
			.contains("Move one block so that they do not overlap (port-reservation.blocks.media.start-port), or set "
					+ "port-reservation.blocks.media.start-port=0 to take any free block.")
			.doesNotContain("another socket");
		assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(socketsBefore);
	}

	@Test
	void blocksThatWouldExhaustTheDescriptorsAreRefusedBeforeReserving(CapturedOutput output) {
		long limit = DescriptorBudget.softLimit();
		assertThat(limit).as("soft open-files limit from /proc/self/limits").isPositive();
		List<String> properties = new ArrayList<>(List.of("port-reservation.port-count=60000"));
		for (long held = 60000; held <= limit; held += 60000) {
			properties.add("port-reservation.blocks.b" + held + ".port-count=60000");
		}
		int socketsBefore = OpenSockets.count();
		assertThatException()
			.isThrownBy(() -> TestServer.TOMCAT_SERVLET.application(properties.toArray(String[]::new)).run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The port blocks 'default' (60000 TCP ports)")
			.contains("file descriptors (one socket per port, two for a TCP-UDP port). This process may open " + limit
					+ " (its soft open-files limit)")
			.contains("so nothing was reserved.")
			.contains("Raise the open-files limit to at least ")
			.contains("or reserve fewer ports with port-reservation.port-count");
		assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(socketsBefore);
	}

	@Test
	void lostHandOffEndsInTheReportNotATrace(CapturedOutput output) {
		int socketsBefore = OpenSockets.count();
		assertThatException().isThrownBy(() -> TestServer.TOMCAT_SERVLET.application("port-reservation.port-count=2")
			.sources(BindElsewhere.class)
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.containsPattern("A server could not take port \\d+ from the reserved port block: The guarded bind of a "
					+ "\\w+ to port \\d+ failed \\(Cannot assign requested address\\)")
			.contains("The rest of the block stays reserved and nothing else was bound.")
			.doesNotContain("Application run failed");
		assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(socketsBefore);
	}

	@Test
	void lostHandOffReportedByTheWebServerAsPortInUseStillNamesTheReservation(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestServer.TOMCAT_SERVLET.application("port-reservation.port-count=2")
			.sources(BindElsewhereAsWebServer.class)
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.containsPattern("A server could not take port \\d+ from the reserved port block")
			.doesNotContain("was already in use");
	}

	@Test
	void unknownKeyIsRefusedWithTheNearestValidKey(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestServer.TOMCAT_SERVLET
			.application("port-reservation.strat-port=20000", "port-reservation.blocks.x.y.port-count=2")
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("These port-reservation properties bind to nothing:")
			.contains("port-reservation.strat-port=20000 (from ")
			.contains("did you mean port-reservation.start-port?")
			.contains("port-reservation.blocks.x.y.port-count=2 (from ")
			.contains("did you mean port-reservation.blocks.x.port-count?");
	}

	@Test
	void enabledThatIsNotABooleanIsRefusedNamingTheProperty(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> TestServer.TOMCAT_SERVLET.application("port-reservation.enabled=maybe").run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'maybe' for configuration property 'port-reservation.enabled'")
			.contains("It must be true or false");
	}

	@Test
	void searchRangeTooSmallFailsAtOnceWithoutBlamingTheTimeout(CapturedOutput output) {
		int socketsBefore = OpenSockets.count();
		assertThatException().isThrownBy(
				() -> TestServer.TOMCAT_SERVLET
					.application("port-reservation.search-range=20000-20003", "port-reservation.skip-ports=",
							"port-reservation.port-count=8")
					.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The port block 'default' cannot be reserved with port-reservation.search-range=20000-20003: "
					+ "allowed is a range that holds 8 consecutive port(s) outside the ephemeral range")
			.contains("Set port-reservation.search-range to a range that holds 8")
			.doesNotContain("acquire-timeout");
		assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(socketsBefore);
	}

	private static String run(String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
		try {
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			return out;
		}
		finally {
			process.destroyForcibly();
		}
	}

	/**
	 * As Boot's web servers report a failed bind: a {@link PortInUseException} around it.
	 */
	@Configuration(proxyBeanMethods = false)
	static class BindElsewhereAsWebServer {

		@Bean
		SmartInitializingSingleton bindElsewhere(PortAllocator allocator) {
			return () -> {
				PortLease lease = allocator.lease("elsewhere");
				try {
					lease.bind(ServerSocketChannel.open(), InetAddress.getByName("192.0.2.1"), 0);
				}
				catch (IOException | RuntimeException ex) {
					throw new PortInUseException(lease.port(), ex);
				}
			};
		}

	}

	/**
	 * Binds a leased port on an address that is not this machine's, so the hand-off
	 * fails.
	 */
	@Configuration(proxyBeanMethods = false)
	static class BindElsewhere {

		@Bean
		SmartInitializingSingleton bindElsewhere(PortAllocator allocator) {
			return () -> {
				PortLease lease = allocator.lease("elsewhere");
				try {
					lease.bind(ServerSocketChannel.open(), InetAddress.getByName("192.0.2.1"), 0);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			};
		}

	}

}
