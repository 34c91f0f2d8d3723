package io.portreservation.boot.heldsocket;

import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.testsupport.Http;
import io.portreservation.boot.testsupport.ServingSocket;
import io.portreservation.boot.testsupport.TestServer;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every server Spring Boot starts here (Tomcat, Jetty and Reactor Netty, and the
 * management server of each) serves on the block's holding socket itself, through the
 * wrapped channel the held-socket backend hands over with the test JVM's
 * {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}; when the servers stop, their
 * ports refuse connects at once and stay held; a server on one specific address
 * ({@code server.address}) gets a socket of its own, bound beside the holder.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "sockets are read from /proc")
class ServedOnHolderIntegrationTests {

	@ParameterizedTest
	@EnumSource(TestServer.class)
	void serverAndManagementServerServeOnTheHoldingSocketsAndRefuseConnectsOnceStopped(TestServer server) {
		try (ConfigurableApplicationContext context = server
			.application("server.port=0", "port-reservation.port-count=4", "management.server.port=0")
			.run()) {
			PortReservation block = context.getBean(PortAllocator.class).block();
			int port = TestServer.webServer(context).getPort();
			int management = context.getEnvironment().getProperty("local.management.port", Integer.class);
			assertThat(Http.get(port, "/hello")).endsWith("hello from the block");
			assertThat(Http.get(management, "/actuator/health")).contains("\"UP\"");
			for (int served : new int[] { port, management }) {
				assertThat(block.contains(served)).isTrue();
				// one socket, reached by the block's descriptor and the server's
				// duplicate of it
				assertThat(ServingSocket.descriptorsOfListener(served)).as("descriptors of the socket on %d", served)
					.isEqualTo(2);
			}
			context.stop();
			for (int served : new int[] { port, management }) {
				assertThat(ServingSocket.refusesConnects(served)).as("connects to %d after stop", served).isTrue();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(TestServer.class)
	void aServerOnOneAddressGetsASocketOfItsOwn(TestServer server) {
		try (ConfigurableApplicationContext context = server
			.application("server.port=0", "server.address=127.0.0.1", "port-reservation.port-count=2")
			.run()) {
			int port = TestServer.webServer(context).getPort();
			assertThat(Http.get(port, "/hello")).endsWith("hello from the block");
			assertThat(ServingSocket.descriptorsOfListener(port)).isEqualTo(1);
		}
	}

}
