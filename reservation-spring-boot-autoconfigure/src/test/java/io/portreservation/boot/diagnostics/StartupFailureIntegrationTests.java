package io.portreservation.boot.diagnostics;

import java.io.IOException;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.portreservation.boot.testsupport.OpenSockets;
import io.portreservation.boot.testsupport.PortHolder;
import io.portreservation.boot.testsupport.TestServer;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Real applications that cannot start: the failure analyzer's text is what the user
 * sees, and nothing stays bound.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "holds ports from a python3 process and counts sockets through /proc")
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureIntegrationTests {

	@Test
	void blockHeldByAnotherProcessFailsWithTheAnalysisAndLeavesNoSocket(CapturedOutput output) throws IOException {
		try (PortHolder holder = PortHolder.start()) {
			long socketsBefore = OpenSockets.count();
			int first = Math.max(1024, holder.port() - 2);
			assertThatException().isThrownBy(() -> TestServer.TOMCAT_SERVLET
				.application("port-reservation.start-port=" + first, "port-reservation.port-count=4")
				.run());
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("The TCP ports " + first + "-" + (first + 3) + " of the port block 'default' "
						+ "(port-reservation.start-port=" + first + ", port-reservation.port-count=4) cannot be "
						+ "reserved: port " + holder.port() + " is taken by another socket.")
				.contains("Stop the process that holds port " + holder.port());
			assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(socketsBefore);
		}
	}

	@Test
	void serverPortOutsideTheBlockFailsWithTheAnalysisAndReleasesTheBlock(CapturedOutput output) {
		long socketsBefore = OpenSockets.count();
		assertThatException().isThrownBy(() -> TestServer.JETTY_SERVLET
			.application("server.port=1", "port-reservation.start-port=" + freeBlockStart(),
					"port-reservation.port-count=2")
			.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The jetty server cannot bind inside the reserved port block")
			.contains("server.port is 1, outside the block")
			.contains("Set server.port to a port between");
		assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(socketsBefore);
	}

	@Test
	void fixedServerPortWithAnyBlockFailsWithTheAnalysis(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestServer.NETTY_REACTIVE
			.application("server.port=8080", "port-reservation.port-count=2")
			.run());
		assertThat(output).contains("The netty server cannot bind inside the reserved port block")
			.contains("server.port is 8080 but port-reservation.start-port is 0")
			.contains("Remove server.port (or set it to 0) to take a port of the block, or set "
					+ "port-reservation.start-port so that the block contains 8080.");
	}

	@Test
	void invalidPropertyFailsNamingItAndTheAllowedValues(CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> TestServer.TOMCAT_SERVLET.application("port-reservation.port-count=0").run());
		assertThat(output).contains("Property: port-reservation.port-count")
			.contains("port-count must be 1..65535, was 0");
	}

	@Test
	void blockBeyondTheLastPortFailsNamingThePropertyToChange(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestServer.TOMCAT_SERVLET
			.application("port-reservation.start-port=65530", "port-reservation.port-count=16")
			.run());
		assertThat(output).contains("The port block 'default' is configured with an invalid "
				+ "port-reservation.port-count: count 16 is out of range: allowed 1..6 for startPort 65530")
			.contains("Set port-reservation.port-count to 1..6 for startPort 65530");
	}

	@Test
	void winsockBackendOffWindowsFailsSayingSo(CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> TestServer.TOMCAT_SERVLET.application("port-reservation.backend=winsock").run());
		assertThat(output).contains("The port block 'default' cannot be reserved on this platform")
			.contains("port-reservation.backend=auto");
	}

	private static int freeBlockStart() {
		try (io.portreservation.PortReservation probe = io.portreservation.PortReservations
			.reserve(io.portreservation.ReservationRequest.anyBlock(io.portreservation.Protocol.TCP, 2))) {
			return probe.firstPort();
		}
	}

}
