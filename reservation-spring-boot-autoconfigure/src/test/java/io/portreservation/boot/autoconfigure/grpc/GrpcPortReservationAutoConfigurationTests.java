package io.portreservation.boot.autoconfigure.grpc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;
import io.portreservation.boot.diagnostics.ServerPortException;
import io.portreservation.boot.diagnostics.ServerPortException.Reason;
import io.portreservation.boot.grpc.GrpcServerLease;
import io.portreservation.boot.grpc.NettyGrpcPortReservationCustomizer;
import io.portreservation.boot.grpc.ShadedNettyGrpcPortReservationCustomizer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GrpcPortReservationAutoConfiguration}: which gRPC server it binds
 * inside the block, when it stays out of the way, and how a port the block cannot serve
 * stops the start. Each context that starts runs a real gRPC server on a block port.
 */
class GrpcPortReservationAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
			PortReservationAutoConfiguration.class, SslAutoConfiguration.class, GrpcServerAutoConfiguration.class,
			GrpcPortReservationAutoConfiguration.class);

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
		.withUserConfiguration(ServiceConfiguration.class)
		.withPropertyValues("port-reservation.port-count=2", "spring.grpc.server.port=0");

	/**
	 * The runner with only the unshaded Netty transport, as the gRPC server starter has
	 * it.
	 */
	private final ApplicationContextRunner nettyRunner = this.runner
		.withClassLoader(new FilteredClassLoader("io.grpc.netty.shaded"));

	@Test
	void runWithNettyShouldServeTheGrpcServerOnABlockPort() {
		this.nettyRunner.run((context) -> {
			assertThat(context).hasSingleBean(NettyGrpcPortReservationCustomizer.class)
				.doesNotHaveBean(ShadedNettyGrpcPortReservationCustomizer.class);
			GrpcServerLease lease = context.getBean(NettyGrpcPortReservationCustomizer.class).getLease();
			assertThat(lease).isNotNull();
			assertServedThrough(context, lease);
		});
	}

	@Test
	void runWithShadedNettyShouldServeTheGrpcServerOnABlockPort() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ShadedNettyGrpcPortReservationCustomizer.class)
				.doesNotHaveBean(NettyGrpcPortReservationCustomizer.class);
			GrpcServerLease lease = context.getBean(ShadedNettyGrpcPortReservationCustomizer.class).getLease();
			assertThat(lease).isNotNull();
			assertServedThrough(context, lease);
		});
	}

	@Test
	void runWithAnAddressShouldListenOnThatAddressOnly() {
		this.nettyRunner.withPropertyValues("spring.grpc.server.address=127.0.0.1").run((context) -> {
			GrpcServerLease lease = context.getBean(NettyGrpcPortReservationCustomizer.class).getLease();
			assertThat(lease).isNotNull();
			int port = lease.port();
			assertThat(context.getBean(StartedEvents.class).addresses).singleElement()
				.isEqualTo("[/127.0.0.1:" + port + "]");
		});
	}

	@Test
	void runWithoutSpringBootGrpcServerShouldDoNothing() {
		this.runner.withClassLoader(new FilteredClassLoader(GrpcServerProperties.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(NettyGrpcPortReservationCustomizer.class)
				.doesNotHaveBean(ShadedNettyGrpcPortReservationCustomizer.class));
	}

	@Test
	void runWithoutAGrpcServiceShouldDoNothing() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("port-reservation.port-count=2")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(NettyGrpcPortReservationCustomizer.class)
				.doesNotHaveBean(ShadedNettyGrpcPortReservationCustomizer.class));
	}

	@Test
	void runWhenServedByTheServletContainerShouldLeaveItToTheWebServer() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withUserConfiguration(ServiceConfiguration.class)
			.withPropertyValues("port-reservation.port-count=2", "server.http2.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(org.springframework.boot.grpc.server.GrpcServletRegistration.class)
					.doesNotHaveBean(NettyGrpcPortReservationCustomizer.class)
					.doesNotHaveBean(ShadedNettyGrpcPortReservationCustomizer.class);
				assertThat(context.getBean(PortAllocator.class).block().leases()).isEmpty();
			});
	}

	@Test
	void runWhenReservationIsDisabledShouldDoNothing() {
		this.runner.withPropertyValues("port-reservation.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(NettyGrpcPortReservationCustomizer.class)
				.doesNotHaveBean(ShadedNettyGrpcPortReservationCustomizer.class));
	}

	@Test
	void runWhenUserDefinesACustomizerShouldBackOff() {
		this.nettyRunner
			.withBean("userCustomizer", NettyGrpcPortReservationCustomizer.class,
					() -> new NettyGrpcPortReservationCustomizer(null))
			.withPropertyValues("spring.grpc.server.port=-1")
			.run((context) -> assertThat(context.getBeansOfType(NettyGrpcPortReservationCustomizer.class))
				.containsOnlyKeys("userCustomizer"));
	}

	@Test
	void runWithAFixedPortInsideTheBlockShouldServeOnThatPort() {
		int first = freeBlockStart();
		this.nettyRunner
			.withPropertyValues("port-reservation.start-port=" + first, "spring.grpc.server.port=" + (first + 1))
			.run((context) -> {
				GrpcServerLease lease = context.getBean(NettyGrpcPortReservationCustomizer.class).getLease();
				assertThat(lease).isNotNull();
				assertThat(lease).isNotNull();
				assertThat(lease.port()).isEqualTo(first + 1);
				assertServedThrough(context, lease);
			});
	}

	@Test
	void runWithAFixedPortOutsideTheBlockShouldReserveAndServeExactlyThatPort() {
		int first = freeBlockStart();
		this.nettyRunner
			.withPropertyValues("port-reservation.start-port=" + first, "port-reservation.port-count=2",
					"spring.grpc.server.port=" + (first + 3))
			.run((context) -> {
				GrpcServerLease lease = context.getBean(NettyGrpcPortReservationCustomizer.class).getLease();
				assertThat(lease).isNotNull();
				assertThat(lease).isNotNull();
				assertThat(lease.port()).isEqualTo(first + 3);
				assertThat(context.getBean(PortAllocator.class).blocks()).containsKey("spring.grpc.server.port");
			});
	}

	@Test
	void runWithAPortThatIsNoPortShouldFailNamingTheProperty() {
		this.nettyRunner.withPropertyValues("spring.grpc.server.port=70000")
			.run((context) -> assertFailure(context, Reason.NOT_A_PORT, 70000));
	}

	/**
	 * Find the first port of a free block of four: reserved and released again, as a test
	 * that needs a fixed block must not assume any port is free.
	 */
	private static int freeBlockStart() {
		int[] first = new int[1];
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PortReservationAutoConfiguration.class))
			.withPropertyValues("port-reservation.port-count=4")
			.run((context) -> first[0] = context.getBean(PortAllocator.class).block().firstPort());
		return first[0];
	}

	private static void assertServedThrough(AssertableApplicationContext context, GrpcServerLease lease) {
		PortReservation block = context.getBean(PortAllocator.class).block();
		assertThat(lease).isNotNull();
		assertThat(lease.port()).isBetween(block.firstPort(), block.lastPort());
		assertThat(block.leases()).singleElement().satisfies((info) -> {
			assertThat(info.port()).isEqualTo(lease.port());
			assertThat(info.owner()).isEqualTo("grpc (spring.grpc.server.port)");
			assertThat(info.bound()).isTrue();
		});
		assertThat(context.getBean(StartedEvents.class).ports).containsExactly(lease.port());
	}

	private static void assertFailure(AssertableApplicationContext context, Reason reason, int port) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).rootCause().isInstanceOfSatisfying(ServerPortException.class, (ex) -> {
			assertThat(ex.getReason()).isEqualTo(reason);
			assertThat(ex.getProperty()).isEqualTo("spring.grpc.server.port");
			assertThat(ex.getPort()).isEqualTo(port);
			assertThat(ex.getMessage()).contains("spring.grpc.server.port is " + port);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ServiceConfiguration {

		@Bean
		BindableService emptyService() {
			ServerServiceDefinition definition = ServerServiceDefinition.builder("test.Empty").build();
			return () -> definition;
		}

		@Bean
		StartedEvents startedEvents() {
			return new StartedEvents();
		}

	}

	static class StartedEvents {

		final List<Integer> ports = new CopyOnWriteArrayList<>();

		final List<String> addresses = new CopyOnWriteArrayList<>();

		@EventListener
		void started(GrpcServerStartedEvent event) {
			this.ports.add(event.getPort());
			this.addresses.add(event.getAddress());
		}

	}

}
