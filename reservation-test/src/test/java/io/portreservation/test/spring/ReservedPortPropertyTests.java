package io.portreservation.test.spring;

import java.io.IOException;
import java.util.List;

import io.portreservation.test.Sockets;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.test.context.support.AnnotationConfigContextLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReservedPortProperty} in a real Spring test: the ports are reserved and
 * published before the context refreshes, a server that binds its own port number gets
 * it, a block held until close stays held while the context lives, and everything is free
 * once the context closes. "Held" and "free" are plain binds of the port.
 */
@SpringJUnitConfig(SelfBindingServer.Config.class)
@ReservedPortProperty(name = "stub.port")
@ReservedPortProperty(name = "stub.url", value = "http://localhost:${port}/stub")
@ReservedPortProperty(name = "guarded.ports", value = "${first-port}-${last-port}", ports = 4, holdUntilClose = true)
class ReservedPortPropertyTests {

	@Autowired
	private Environment environment;

	@Autowired
	private SelfBindingServer server;

	@Autowired
	private ReservedPorts reservedPorts;

	@Test
	void serverBindsThePublishedPortAndNobodyElseCan() throws IOException {
		int port = this.environment.getRequiredProperty("stub.port", Integer.class);
		assertThat(this.server.port()).isEqualTo(port);
		assertThat(port).isBetween(10000, 29999);
		assertThat(Sockets.tcpFree(port)).isFalse();
		assertThat(this.environment.getProperty("stub.url")).matches("http://localhost:\\d+/stub")
			.isNotEqualTo("http://localhost:" + port + "/stub");
	}

	@Test
	void blockHeldUntilCloseStaysHeldWhileTheContextLives() {
		int first = this.reservedPorts.port("guarded.ports");
		assertThat(this.environment.getProperty("guarded.ports")).isEqualTo(first + "-" + (first + 3));
		assertThat(this.reservedPorts.isHeld("guarded.ports")).isTrue();
		for (int port = first; port < first + 4; port++) {
			assertThat(Sockets.tcpFree(port)).as("port %d", port).isFalse();
		}
	}

	@Test
	void portsAreHeldBeforeRefreshAndFreeAfterClose() throws IOException {
		ContextCustomizer customizer = new ReservedPortContextCustomizerFactory()
			.createContextCustomizer(ReservedPortPropertyTests.class, List.of());
		assertThat(customizer).isNotNull();
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		customizer.customizeContext(context, new MergedContextConfiguration(ReservedPortPropertyTests.class,
				new String[0], new Class<?>[0], new String[0], new AnnotationConfigContextLoader()));
		ReservedPorts ports = context.getBeanFactory().getBean(ReservedPorts.class);
		int stub = ports.port("stub.port");
		int guarded = ports.port("guarded.ports");
		// Before refresh: published, and still held by the reservation.
		assertThat(ports.isHeld("stub.port")).isTrue();
		assertThat(Sockets.tcpFree(stub)).isFalse();
		context.register(SelfBindingServer.Config.class);
		context.refresh();
		// The server read the property, so the reservation let go and the server holds
		// it.
		assertThat(ports.isHeld("stub.port")).isFalse();
		assertThat(context.getBean(SelfBindingServer.class).port()).isEqualTo(stub);
		assertThat(Sockets.tcpFree(stub)).isFalse();
		assertThat(Sockets.tcpFree(guarded)).isFalse();
		context.close();
		assertThat(Sockets.tcpFree(stub)).isTrue();
		for (int port = guarded; port < guarded + 4; port++) {
			assertThat(Sockets.tcpFree(port)).as("port %d", port).isTrue();
		}
	}

}
