package io.portreservation.boot.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.testsupport.Http;
import io.portreservation.boot.testsupport.TestServer;
import io.portreservation.boot.testsupport.ThiefBeforeServersStart;
import io.portreservation.testfixtures.OpenSockets;
import io.portreservation.testfixtures.PortThief;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole life of a real server in the block: a second process cannot take the block's
 * ports before the server starts, while it serves or after it stops; after the context
 * closes every port is free again and no socket is left open; a restarted context takes
 * the same block again.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "sockets are counted through /proc")
class WebServerReservationIntegrationTests {

	@ParameterizedTest
	@EnumSource(TestServer.class)
	void serverLivesInTheBlockAndLeavesNothingBehind(TestServer server) {
		int socketsBefore = OpenSockets.count();
		int first;
		int last;
		try (ConfigurableApplicationContext context = server
			.application("server.port=0", "port-reservation.port-count=4")
			.initializers((ctx) -> ctx.getBeanFactory()
				.registerSingleton("thiefBeforeStart",
						new ThiefBeforeServersStart(() -> ctx.getBean(PortAllocator.class).block(), Integer.MIN_VALUE)))
			.run()) {
			PortReservation block = context.getBean(PortAllocator.class).block();
			first = block.firstPort();
			last = block.lastPort();
			assertThat(context.getBean("thiefBeforeStart", ThiefBeforeServersStart.class).stolen()).isEmpty();
			int port = TestServer.webServer(context).getPort();
			assertThat(port).isBetween(first, last);
			assertThat(context.getEnvironment().getProperty("local.server.port", Integer.class)).isEqualTo(port);
			assertThat(Http.get(port, "/hello")).containsPattern("^HTTP/1\\.[01] 200").endsWith("hello from the block");
			assertThat(PortThief.steal(block.firstPort(), block.lastPort())).as("thefts while serving").isEmpty();
			context.stop();
			assertThat(PortThief.steal(block.firstPort(), block.lastPort())).as("thefts after the server stopped")
				.isEmpty();
		}
		assertThat(PortThief.busyPorts(first, last)).as("ports still busy after close").isEmpty();
		assertThat(OpenSockets.count()).as("open sockets after close: %s", OpenSockets.describe())
			.isEqualTo(socketsBefore);
		try (ConfigurableApplicationContext again = server
			.application("server.port=0", "port-reservation.port-count=4", "port-reservation.start-port=" + first)
			.run()) {
			int port = TestServer.webServer(again).getPort();
			assertThat(Http.get(port, "/hello")).endsWith("hello from the block");
		}
		assertThat(OpenSockets.count()).as("open sockets after a restart").isEqualTo(socketsBefore);
	}

	@org.junit.jupiter.api.Test
	void contextsInOneJvmEachGetTheirOwnBlock() {
		try (ConfigurableApplicationContext one = TestServer.TOMCAT_SERVLET
			.application("server.port=0", "port-reservation.port-count=4", "management.server.port=0")
			.run();
				ConfigurableApplicationContext two = TestServer.NETTY_REACTIVE
					.application("server.port=0", "port-reservation.port-count=4", "management.server.port=0")
					.run()) {
			PortReservation first = one.getBean(PortAllocator.class).block();
			PortReservation second = two.getBean(PortAllocator.class).block();
			assertThat(first.lastPort() < second.firstPort() || second.lastPort() < first.firstPort())
				.as("blocks %s and %s overlap", first, second)
				.isTrue();
			for (ConfigurableApplicationContext context : List.of(one, two)) {
				PortReservation block = context.getBean(PortAllocator.class).block();
				int port = TestServer.webServer(context).getPort();
				assertThat(block.contains(port)).isTrue();
				assertThat(context.getEnvironment().getProperty("local.management.port", Integer.class))
					.satisfies((management) -> assertThat(block.contains(management)).isTrue());
				assertThat(Http.get(port, "/hello")).endsWith("hello from the block");
			}
		}
	}

	@Test
	void fixedPortsOutsideTheBlockAreHeldBeforeAnyServerStarts() throws IOException {
		int serverPort = freePort();
		int managementPort = freePort();
		AtomicReference<Set<String>> heldAtStart = new AtomicReference<>(Set.of());
		try (ConfigurableApplicationContext context = TestServer.TOMCAT_SERVLET
			.application("server.port=" + serverPort, "management.server.port=" + managementPort,
					"port-reservation.port-count=4")
			.initializers((ctx) -> ctx.getBeanFactory()
				.registerSingleton("thiefBeforeStart", new ThiefBeforeServersStart(() -> {
					PortAllocator allocator = ctx.getBean(PortAllocator.class);
					heldAtStart.set(Set.copyOf(allocator.blocks().keySet()));
					return allocator.block();
				}, Integer.MIN_VALUE)))
			.run()) {
			// From the typed server properties, as the allocator was created: before any
			// server.
			assertThat(heldAtStart.get()).contains("server.port", "management.server.port");
			assertThat(context.getBean("thiefBeforeStart", ThiefBeforeServersStart.class).stolen()).isEmpty();
			assertThat(TestServer.webServer(context).getPort()).isEqualTo(serverPort);
			assertThat(context.getEnvironment().getProperty("local.management.port", Integer.class))
				.isEqualTo(managementPort);
			assertThat(Http.get(managementPort, "/actuator/health")).contains("\"UP\"");
		}
		assertThat(PortThief.busyPorts(serverPort, serverPort)).as("server.port busy after close").isEmpty();
		assertThat(PortThief.busyPorts(managementPort, managementPort)).as("management port busy after close")
			.isEmpty();
	}

	private static int freePort() throws IOException {
		// An ephemeral port: outside the default search range, so never in the block.
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress("127.0.0.1", 0));
			return ((InetSocketAddress) channel.getLocalAddress()).getPort();
		}
	}

}
