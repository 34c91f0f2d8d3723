package io.portreservation.boot.web;

import java.util.List;

import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.testsupport.Http;
import io.portreservation.boot.testsupport.OpenSockets;
import io.portreservation.boot.testsupport.PortThief;
import io.portreservation.boot.testsupport.TestServer;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole life of a real server in the block: a second process cannot take the
 * block's ports before the server starts, while it serves or after it stops; after the
 * context closes every port is free again and no socket is left open; a restarted
 * context takes the same block again.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the thief is a python3 process and sockets are counted through /proc")
class WebServerReservationIntegrationTests {

	@ParameterizedTest
	@EnumSource(TestServer.class)
	void serverLivesInTheBlockAndLeavesNothingBehind(TestServer server) {
		long socketsBefore = OpenSockets.count();
		int first;
		int last;
		try (ConfigurableApplicationContext context = server
			.application("server.port=0", "port-reservation.port-count=4")
			.initializers((ctx) -> ctx.getBeanFactory()
				.registerSingleton("thiefBeforeStart", new ThiefBeforeServerStart(ctx)))
			.run()) {
			PortReservation block = context.getBean(PortAllocator.class).block();
			first = block.firstPort();
			last = block.lastPort();
			assertThat(context.getBean("thiefBeforeStart", ThiefBeforeServerStart.class).stolen()).isEmpty();
			int port = TestServer.webServer(context).getPort();
			assertThat(port).isBetween(first, last);
			assertThat(context.getEnvironment().getProperty("local.server.port", Integer.class)).isEqualTo(port);
			assertThat(Http.get(port, "/hello")).containsPattern("^HTTP/1\\.[01] 200").endsWith("hello from the block");
			assertThat(PortThief.steal(block)).as("thefts while serving").isEmpty();
			context.stop();
			assertThat(PortThief.steal(block)).as("thefts after the server stopped").isEmpty();
		}
		assertThat(PortThief.busyPorts(first, last)).as("ports still busy after close").isEmpty();
		assertThat(OpenSockets.count()).as("open sockets after close: %s", OpenSockets.describe()).isEqualTo(socketsBefore);
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

	/** Tries to take the block's ports once the block is held, before any server binds. */
	static final class ThiefBeforeServerStart implements org.springframework.context.SmartLifecycle {

		private final ConfigurableApplicationContext context;

		private volatile List<String> stolen = List.of("not run");

		private volatile boolean running;

		ThiefBeforeServerStart(ConfigurableApplicationContext context) {
			this.context = context;
		}

		List<String> stolen() {
			return this.stolen;
		}

		@Override
		public void start() {
			this.stolen = PortThief.steal(this.context.getBean(PortAllocator.class).block());
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return Integer.MIN_VALUE;
		}

	}

}
