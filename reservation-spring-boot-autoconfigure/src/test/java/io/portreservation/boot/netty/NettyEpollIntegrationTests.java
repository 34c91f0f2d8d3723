package io.portreservation.boot.netty;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import io.portreservation.boot.testsupport.Http;
import io.portreservation.boot.testsupport.ServingSocket;
import io.portreservation.boot.testsupport.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import reactor.netty.http.client.HttpClient;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactor Netty where Netty's native epoll transport is available (the
 * {@code netty-epoll} profile, Netty 4.2.18 with
 * {@code netty-transport-native-epoll:linux-x86_64}): the web and management servers
 * still serve on the block's holding sockets, on NIO event loops that match their NIO
 * channel, while the application's own clients keep epoll.
 */
@Tag("netty-epoll")
@EnabledOnOs(value = OS.LINUX, disabledReason = "epoll is Linux's")
class NettyEpollIntegrationTests {

	@Test
	void serversServeOnTheHoldingSocketsOnNioLoopsWhileClientsUseEpoll() throws Exception {
		Class<?> epoll = Class.forName("io.netty.channel.epoll.Epoll");
		assertThat(epoll.getMethod("isAvailable").invoke(null))
			.as("epoll available (%s)", epoll.getMethod("unavailabilityCause").invoke(null))
			.isEqualTo(true);
		try (ConfigurableApplicationContext context = TestServer.NETTY_REACTIVE
			.application("server.port=0", "port-reservation.port-count=4", "management.server.port=0")
			.run()) {
			int port = TestServer.webServer(context).getPort();
			int management = context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
			assertThat(Http.get(port, "/hello")).endsWith("hello from the block");
			assertThat(Http.get(management, "/actuator/health")).contains("\"UP\"");
			assertThat(ServingSocket.descriptorsOfListener(port)).isEqualTo(2);
			assertThat(ServingSocket.descriptorsOfListener(management)).isEqualTo(2);
			String body = HttpClient.create()
				.get()
				.uri("http://127.0.0.1:" + port + "/hello")
				.responseContent()
				.aggregate()
				.asString()
				.block(Duration.ofSeconds(30));
			assertThat(body).isEqualTo("hello from the block");
			Set<String> threads = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.map(Thread::getName)
				.collect(Collectors.toSet());
			assertThat(threads).as("server loops").anyMatch((name) -> name.startsWith("reactor-http-nio"));
			assertThat(threads).as("client loops").anyMatch((name) -> name.startsWith("reactor-http-epoll"));
		}
	}

}
