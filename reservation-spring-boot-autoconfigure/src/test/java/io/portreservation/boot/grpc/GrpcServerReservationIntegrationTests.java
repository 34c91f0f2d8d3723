package io.portreservation.boot.grpc;

import java.util.List;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.portreservation.LeaseInfo;
import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.grpc.GrpcTestApplication.StartedPorts;
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

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's gRPC server next to a Tomcat web server and a management server, all in
 * one block: real gRPC calls (a unary method and the standard health service) answered on
 * a block port, the port reported where Boot reports it, a second process unable to take
 * it before the server starts, while it serves and while it is paused, and the whole
 * block free and no socket left open once the application is closed.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the starter's thief tests run on Linux only")
class GrpcServerReservationIntegrationTests {

	/** The two Netty transports Spring Boot configures a gRPC server on. */
	enum Transport {

		/** {@code grpc-netty}, what {@code spring-boot-starter-grpc-server} brings. */
		NETTY(NettyGrpcPortReservationCustomizer.class),

		/** {@code grpc-netty-shaded}, which Boot prefers when both are present. */
		SHADED_NETTY(ShadedNettyGrpcPortReservationCustomizer.class);

		private final Class<?> customizer;

		Transport(Class<?> customizer) {
			this.customizer = customizer;
		}

		SpringApplicationBuilder application(String... properties) {
			SpringApplicationBuilder builder = new SpringApplicationBuilder(GrpcTestApplication.class)
				.web(WebApplicationType.SERVLET)
				.properties(TestServer.Excludes.TOMCAT_SERVLET, "spring.main.banner-mode=off", "server.port=0",
						"management.server.port=0", "spring.grpc.server.port=0",
						"spring.grpc.server.servlet.enabled=false", "port-reservation.port-count=4",
						"management.endpoints.web.exposure.include=health,portreservations")
				.properties(properties);
			if (this == NETTY) {
				builder.resourceLoader(new DefaultResourceLoader(new FilteredClassLoader("io.grpc.netty.shaded")));
			}
			return builder;
		}

	}

	@ParameterizedTest
	@EnumSource
	void grpcServerServesOnABlockPortNextToTheWebAndManagementServers(Transport transport) {
		int socketsBefore = OpenSockets.count();
		PortReservation block;
		try (ConfigurableApplicationContext context = transport.application().run()) {
			assertThat(context.getBeanProvider(transport.customizer).getIfAvailable()).isNotNull();
			block = context.getBean(PortAllocator.class).block();
			Environment environment = context.getEnvironment();
			int grpcPort = environment.getRequiredProperty("local.grpc.server.port", Integer.class);
			int webPort = environment.getRequiredProperty("local.server.port", Integer.class);
			int managementPort = environment.getRequiredProperty("local.management.port", Integer.class);

			assertThat(List.of(grpcPort, webPort, managementPort))
				.allSatisfy((port) -> assertThat(port).isBetween(block.firstPort(), block.lastPort()))
				.doesNotHaveDuplicates();
			assertThat(context.getBean(StartedPorts.class).ports).containsExactly(grpcPort);
			assertThat(block.leases()).filteredOn((lease) -> lease.port() == grpcPort)
				.singleElement()
				.satisfies((lease) -> assertThat(lease.owner()).isEqualTo("grpc (spring.grpc.server.port)"))
				.satisfies((lease) -> assertThat(lease.bound()).isTrue());
			assertThat(block.leases()).extracting(LeaseInfo::port)
				.containsExactlyInAnyOrder(grpcPort, webPort, managementPort);

			assertThat(EchoGrpc.echo(grpcPort, "hello")).isEqualTo("echo: hello");
			assertThat(EchoGrpc.health(grpcPort)).isEqualTo(ServingStatus.SERVING);
			assertThat(Http.get(webPort, "/hello")).endsWith("hello from the block");
			assertThat(Http.get(managementPort, "/actuator/portreservations")).containsPattern("^HTTP/1\\.[01] 200")
				.contains("grpc (spring.grpc.server.port)")
				.contains(String.valueOf(grpcPort));

			assertThat(context.getBean(ThiefBeforeServersStart.class).stolen()).isEmpty();
			assertThat(PortThief.steal(block.firstPort(), block.lastPort())).isEmpty();
		}
		assertThat(PortThief.busyPorts(block.firstPort(), block.lastPort())).isEmpty();
		assertThat(OpenSockets.count()).as("open sockets after close: %s", OpenSockets.describe())
			.isEqualTo(socketsBefore);
	}

	@Test
	void grpcServedByTheServletContainerIsOnTheWebServersBlockPort() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GrpcTestApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(TestServer.Excludes.TOMCAT_SERVLET, "spring.main.banner-mode=off", "server.port=0",
					"server.http2.enabled=true", "port-reservation.port-count=2")
			.run()) {
			PortReservation block = context.getBean(PortAllocator.class).block();
			int webPort = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			assertThat(webPort).isBetween(block.firstPort(), block.lastPort());
			assertThat(block.leases()).singleElement()
				.satisfies((lease) -> assertThat(lease.port()).isEqualTo(webPort));
			assertThat(EchoGrpc.echo(webPort, "over h2c")).isEqualTo("echo: over h2c");
			assertThat(EchoGrpc.health(webPort)).isEqualTo(ServingStatus.SERVING);
			assertThat(PortThief.steal(block.firstPort(), block.lastPort())).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource
	void serverStoppedWithoutAGracePeriodStartsAgainAtOnceOnTheSamePort(Transport transport) {
		try (ConfigurableApplicationContext context = transport
			.application("spring.grpc.server.shutdown.grace-period=0s")
			.run()) {
			GrpcServerLifecycle server = context.getBean(GrpcServerLifecycle.class);
			int grpcPort = server.getPort();
			// Without a grace period the stop returns before the channel is closed: each
			// start must wait for it rather than fail to take the port over.
			for (int restart = 1; restart <= 20; restart++) {
				server.stop();
				server.start();
				assertThat(server.getPort()).isEqualTo(grpcPort);
			}
			assertThat(EchoGrpc.echo(grpcPort, "after restarts")).isEqualTo("echo: after restarts");
		}
	}

	@Test
	void pausedAndRestartedContextKeepsTheGrpcPortWithNoWindow() {
		try (ConfigurableApplicationContext context = Transport.NETTY.application().run()) {
			PortReservation block = context.getBean(PortAllocator.class).block();
			int grpcPort = context.getEnvironment().getRequiredProperty("local.grpc.server.port", Integer.class);
			assertThat(EchoGrpc.echo(grpcPort, "before")).isEqualTo("echo: before");

			context.pause();
			assertThat(PortThief.steal(block.firstPort(), block.lastPort())).isEmpty();
			assertThat(block.leases()).extracting(LeaseInfo::port).contains(grpcPort);

			context.restart();
			assertThat(context.getBean(StartedPorts.class).ports).containsExactly(grpcPort, grpcPort);
			assertThat(context.getEnvironment().getRequiredProperty("local.grpc.server.port", Integer.class))
				.isEqualTo(grpcPort);
			assertThat(EchoGrpc.echo(grpcPort, "after")).isEqualTo("echo: after");
			assertThat(PortThief.steal(block.firstPort(), block.lastPort())).isEmpty();
		}
	}

}
