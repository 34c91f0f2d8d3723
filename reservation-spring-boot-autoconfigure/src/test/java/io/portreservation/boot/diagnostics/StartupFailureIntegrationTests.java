package io.portreservation.boot.diagnostics;

import java.io.IOException;

import io.portreservation.boot.testsupport.PortHolder;
import io.portreservation.boot.testsupport.TestServer;
import io.portreservation.testfixtures.OpenSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Real applications that cannot start: the failure analyzer's text is what the user sees,
 * and nothing stays bound.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "holds ports from a python3 process and counts sockets through /proc")
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureIntegrationTests {

	@Test
	void blockHeldByAnotherProcessFailsWithTheAnalysisAndLeavesNoSocket(CapturedOutput output) throws IOException {
		try (PortHolder holder = PortHolder.start()) {
			int socketsBefore = OpenSockets.count();
			int first = Math.max(1024, holder.port() - 2);
			assertThatException().isThrownBy(() -> TestServer.TOMCAT_SERVLET
				.application("port-reservation.start-port=" + first, "port-reservation.port-count=4")
				.run());
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("The TCP ports " + first + "-" + (first + 3) + " of the port block 'default' "
						+ "(port-reservation.start-port=" + first + ", port-reservation.port-count=4) cannot be "
						+ "reserved: port " + holder.port() + " is in use, held by process " + holder.pid() + " (")
				.contains("found through /proc/net/tcp6 (socket inode ")
				.contains("Stop process " + holder.pid() + " (");
			assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(socketsBefore);
		}
	}

	@Test
	void fixedServerPortHeldByAnotherProcessFailsAsBootsPortInUseAndLeavesNoSocket(CapturedOutput output)
			throws IOException {
		try (PortHolder holder = PortHolder.start()) {
			int socketsBefore = OpenSockets.count();
			assertThatException().isThrownBy(() -> TestServer.JETTY_SERVLET
				.application("server.port=" + holder.port(), "port-reservation.port-count=2")
				.run());
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("Port " + holder.port() + " was already in use.")
				.contains("Identify and stop the process that's listening on port " + holder.port());
			assertThat(OpenSockets.count()).as("open sockets: %s", OpenSockets.describe()).isEqualTo(socketsBefore);
		}
	}

	@Test
	void fixedManagementPortHeldByAnotherProcessFailsAsBootsPortInUse(CapturedOutput output) throws IOException {
		try (PortHolder holder = PortHolder.start()) {
			assertThatException().isThrownBy(
					() -> TestServer.NETTY_REACTIVE
						.application("server.port=0", "management.server.port=" + holder.port(),
								"port-reservation.port-count=2")
						.run());
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("Port " + holder.port() + " was already in use.");
		}
	}

	@Test
	void invalidPropertyFailsNamingItAndTheAllowedValues(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> TestServer.TOMCAT_SERVLET.application("port-reservation.port-count=0").run());
		assertThat(output).contains("Property: port-reservation.port-count")
			.contains("port-count must be 1..65535, was 0");
	}

	@Test
	void blockBeyondTheLastPortFailsNamingThePropertyToChange(CapturedOutput output) {
		assertThatException().isThrownBy(() -> TestServer.TOMCAT_SERVLET
			.application("port-reservation.start-port=65530", "port-reservation.port-count=16")
			.run());
		assertThat(output)
			.contains("The port block 'default' cannot be reserved with port-reservation.port-count=16: "
					+ "allowed is 1..6 for a block that starts at port 65530 (its last port must not exceed 65535).")
			.contains("Set port-reservation.port-count to 1..6 for a block that starts at port 65530")
			.doesNotContain("startPort")
			.doesNotContain("count 16");
	}

	@Test
	void winsockBackendOffWindowsFailsSayingSo(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> TestServer.TOMCAT_SERVLET.application("port-reservation.backend=winsock").run());
		assertThat(output).contains("The port block 'default' cannot be reserved on this platform: The winsock "
				+ "backend needs Windows' ws2_32.dll and ntdll.dll, which could not be loaded on Linux; choose the auto "
				+ "or held-socket backend here.")
			.contains("Set port-reservation.backend=auto");
		String report = output.toString().substring(output.toString().indexOf("APPLICATION FAILED TO START"));
		assertThat(report.substring(0, report.indexOf("Action:"))).as("the description").hasSizeLessThan(400);
	}

}
