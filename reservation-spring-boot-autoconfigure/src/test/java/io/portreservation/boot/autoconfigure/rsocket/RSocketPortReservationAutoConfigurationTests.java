package io.portreservation.boot.autoconfigure.rsocket;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;
import io.portreservation.boot.diagnostics.ServerPortException;
import io.portreservation.boot.diagnostics.ServerPortException.Reason;
import io.portreservation.boot.rsocket.NettyRSocketPortReservationCustomizer;
import io.portreservation.boot.rsocket.RSocketPortReservationBeanPostProcessor;
import io.portreservation.boot.web.WebServerPorts;
import io.rsocket.core.RSocketServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.rsocket.autoconfigure.RSocketMessagingAutoConfiguration;
import org.springframework.boot.rsocket.autoconfigure.RSocketServerAutoConfiguration;
import org.springframework.boot.rsocket.autoconfigure.RSocketStrategiesAutoConfiguration;
import org.springframework.boot.rsocket.context.RSocketServerInitializedEvent;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RSocketPortReservationAutoConfiguration}: when it binds Spring Boot's
 * standalone RSocket server inside the block, and how a port the block cannot serve stops
 * the start. Each context that starts runs a real RSocket server on a block port.
 */
class RSocketPortReservationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortReservationAutoConfiguration.class,
				RSocketStrategiesAutoConfiguration.class, RSocketMessagingAutoConfiguration.class,
				RSocketServerAutoConfiguration.class, RSocketPortReservationAutoConfiguration.class))
		.withBean(StartedPorts.class)
		.withPropertyValues("port-reservation.port-count=2", "spring.reactor.netty.shutdown-quiet-period=0s");

	@Test
	void runWithAServerPortShouldServeTheServerOnABlockPort() {
		this.runner.withPropertyValues("spring.rsocket.server.port=0").run((context) -> {
			assertThat(context).hasSingleBean(NettyRSocketPortReservationCustomizer.class)
				.hasSingleBean(RSocketPortReservationBeanPostProcessor.class);
			PortReservation block = context.getBean(PortAllocator.class).block();
			assertThat(block.leases()).singleElement().satisfies((lease) -> {
				assertThat(lease.owner()).isEqualTo("rsocket (spring.rsocket.server.port)");
				assertThat(lease.bound()).isTrue();
				assertThat(context.getBean(StartedPorts.class).ports).containsExactly(lease.port());
			});
		});
	}

	@Test
	void runWithAFixedPortInsideTheBlockShouldServeOnThatPort() {
		int first = freeBlockStart();
		this.runner.withPropertyValues("port-reservation.start-port=" + first, "spring.rsocket.server.port=" + first)
			.run((context) -> assertThat(context.getBean(StartedPorts.class).ports).containsExactly(first));
	}

	@Test
	void runWithoutAServerPortShouldDoNothing() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(NettyRSocketPortReservationCustomizer.class)
			.doesNotHaveBean(RSocketPortReservationBeanPostProcessor.class));
	}

	@Test
	void runWithoutRSocketShouldDoNothing() {
		this.runner.withClassLoader(new FilteredClassLoader(RSocketServer.class))
			.withPropertyValues("spring.rsocket.server.port=0")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(NettyRSocketPortReservationCustomizer.class));
	}

	@Test
	void runWhenReservationIsDisabledShouldLeaveTheServerAlone() {
		this.runner.withPropertyValues("port-reservation.enabled=false", "spring.rsocket.server.port=0")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(NettyRSocketPortReservationCustomizer.class));
	}

	@Test
	void runWhenUserDefinesACustomizerShouldBackOff() {
		this.runner.withPropertyValues("spring.rsocket.server.port=0")
			.withUserConfiguration(UserCustomizerConfiguration.class)
			.run((context) -> assertThat(context.getBeansOfType(NettyRSocketPortReservationCustomizer.class))
				.containsOnlyKeys("userCustomizer"));
	}

	@Test
	void runWithAFixedPortOutsideTheBlockShouldReserveAndServeExactlyThatPort() {
		int first = freeBlockStart();
		this.runner
			.withPropertyValues("port-reservation.start-port=" + first, "port-reservation.port-count=2",
					"spring.rsocket.server.port=" + (first + 3))
			.run((context) -> {
				assertThat(context.getBean(StartedPorts.class).ports).containsExactly(first + 3);
				assertThat(context.getBean(PortAllocator.class).blocks()).containsKey("spring.rsocket.server.port");
			});
	}

	@Test
	void runWithAPortThatIsNoPortShouldFailNamingTheProperty() {
		this.runner.withPropertyValues("spring.rsocket.server.port=70000")
			.run((context) -> assertFailure(context, Reason.NOT_A_PORT, 70000));
	}

	private static int freeBlockStart() {
		int[] first = new int[1];
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PortReservationAutoConfiguration.class))
			.withPropertyValues("port-reservation.port-count=4")
			.run((context) -> first[0] = context.getBean(PortAllocator.class).block().firstPort());
		return first[0];
	}

	private static void assertFailure(AssertableApplicationContext context, Reason reason, int port) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause().isInstanceOfSatisfying(ServerPortException.class, (ex) -> {
			assertThat(ex.getReason()).isEqualTo(reason);
			assertThat(ex.getProperty()).isEqualTo("spring.rsocket.server.port");
			assertThat(ex.getPort()).isEqualTo(port);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserCustomizerConfiguration {

		@Bean
		NettyRSocketPortReservationCustomizer userCustomizer(WebServerPorts ports,
				ObjectProvider<ReactorResourceFactory> resourceFactory) {
			return new NettyRSocketPortReservationCustomizer(ports, 0, null, resourceFactory);
		}

	}

	static class StartedPorts implements ApplicationListener<RSocketServerInitializedEvent> {

		final List<Integer> ports = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(RSocketServerInitializedEvent event) {
			InetSocketAddress address = event.getServer().address();
			this.ports.add((address != null) ? address.getPort() : -1);
		}

	}

}
