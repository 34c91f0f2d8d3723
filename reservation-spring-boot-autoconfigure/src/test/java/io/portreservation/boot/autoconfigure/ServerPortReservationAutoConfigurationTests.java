package io.portreservation.boot.autoconfigure;

import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.autoconfigure.jetty.JettyPortReservationAutoConfiguration;
import io.portreservation.boot.autoconfigure.netty.NettyPortReservationAutoConfiguration;
import io.portreservation.boot.autoconfigure.tomcat.TomcatPortReservationAutoConfiguration;
import io.portreservation.boot.jetty.JettyPortReservationCustomizer;
import io.portreservation.boot.netty.NettyPortReservationCustomizer;
import io.portreservation.boot.tomcat.TomcatPortReservationCustomizer;
import io.portreservation.boot.web.WebServerPorts;
import org.apache.coyote.http11.Http11NioProtocol;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TomcatPortReservationAutoConfiguration},
 * {@link JettyPortReservationAutoConfiguration} and
 * {@link NettyPortReservationAutoConfiguration}: which server integration is active when.
 */
class ServerPortReservationAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
			PortReservationAutoConfiguration.class, TomcatPortReservationAutoConfiguration.class,
			JettyPortReservationAutoConfiguration.class, NettyPortReservationAutoConfiguration.class);

	private final WebApplicationContextRunner servletRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("port-reservation.port-count=2");

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("port-reservation.port-count=2");

	@Test
	void runInAServletApplicationShouldCustomizeTomcatAndJetty() {
		this.servletRunner.run((context) -> assertThat(context).hasSingleBean(TomcatPortReservationCustomizer.class)
			.hasSingleBean(JettyPortReservationCustomizer.class)
			.doesNotHaveBean(NettyPortReservationCustomizer.class));
	}

	@Test
	void runInAReactiveApplicationShouldCustomizeEveryServer() {
		this.reactiveRunner.run((context) -> assertThat(context).hasSingleBean(TomcatPortReservationCustomizer.class)
			.hasSingleBean(JettyPortReservationCustomizer.class)
			.hasSingleBean(NettyPortReservationCustomizer.class));
	}

	@Test
	void runInANonWebApplicationShouldReserveButTouchNoServer() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("port-reservation.port-count=2")
			.run((context) -> assertThat(context).hasSingleBean(PortAllocator.class)
				.doesNotHaveBean(TomcatPortReservationCustomizer.class)
				.doesNotHaveBean(JettyPortReservationCustomizer.class)
				.doesNotHaveBean(NettyPortReservationCustomizer.class));
	}

	@Test
	void runWithoutTomcatShouldNotCustomizeTomcat() {
		this.reactiveRunner.withClassLoader(new FilteredClassLoader(Http11NioProtocol.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TomcatPortReservationCustomizer.class)
				.hasSingleBean(JettyPortReservationCustomizer.class)
				.hasSingleBean(NettyPortReservationCustomizer.class));
	}

	@Test
	void runWithoutJettyShouldNotCustomizeJetty() {
		this.reactiveRunner.withClassLoader(new FilteredClassLoader(ServerConnector.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JettyPortReservationCustomizer.class)
				.hasSingleBean(TomcatPortReservationCustomizer.class)
				.hasSingleBean(NettyPortReservationCustomizer.class));
	}

	@Test
	void runWithoutReactorNettyShouldNotCustomizeNetty() {
		this.reactiveRunner.withClassLoader(new FilteredClassLoader(HttpServer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(NettyPortReservationCustomizer.class)
				.hasSingleBean(TomcatPortReservationCustomizer.class));
	}

	@Test
	void runWhenDisabledShouldCustomizeNoServer() {
		this.reactiveRunner.withPropertyValues("port-reservation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebServerPorts.class)
				.doesNotHaveBean(TomcatPortReservationCustomizer.class)
				.doesNotHaveBean(JettyPortReservationCustomizer.class)
				.doesNotHaveBean(NettyPortReservationCustomizer.class));
	}

	@Test
	void runWhenUserDefinesACustomizerShouldBackOff() {
		this.servletRunner.withUserConfiguration(UserCustomizerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(TomcatPortReservationCustomizer.class)
				.hasBean("userTomcatCustomizer"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserCustomizerConfiguration {

		@Bean
		TomcatPortReservationCustomizer userTomcatCustomizer(WebServerPorts ports) {
			return new TomcatPortReservationCustomizer(ports, "server.port", null);
		}

	}

}
