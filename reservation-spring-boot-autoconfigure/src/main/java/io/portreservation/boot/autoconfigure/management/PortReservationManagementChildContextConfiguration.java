package io.portreservation.boot.autoconfigure.management;

import io.portreservation.boot.jetty.JettyPortReservationCustomizer;
import io.portreservation.boot.netty.NettyPortReservationCustomizer;
import io.portreservation.boot.tomcat.TomcatPortReservationCustomizer;
import io.portreservation.boot.web.WebServerPorts;
import org.apache.coyote.http11.Http11NioProtocol;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Binds the management server inside the reserved block when it has its own port. Spring
 * Boot builds that server in a child context with a fresh factory that the main context's
 * customizers never reach, so the same customizers are declared here, on
 * {@code management.server.port}; the block itself comes from the parent context.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnBean(WebServerPorts.class)
public final class PortReservationManagementChildContextConfiguration {

	private static final String PROPERTY = "management.server.port";

	/**
	 * The management server's port. Its properties are a bean of the parent context
	 * whenever this child context exists (the port differs from the main server's).
	 */
	static @Nullable Integer port(ObjectProvider<ManagementServerProperties> management) {
		return management.getIfAvailable(ManagementServerProperties::new).getPort();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TomcatWebServerFactory.class, Http11NioProtocol.class })
	static class TomcatManagementPortConfiguration {

		@Bean
		TomcatPortReservationCustomizer tomcatManagementPortReservationCustomizer(WebServerPorts ports,
				ObjectProvider<ManagementServerProperties> management) {
			return new TomcatPortReservationCustomizer(ports, PROPERTY, port(management));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JettyWebServerFactory.class, ServerConnector.class })
	static class JettyManagementPortConfiguration {

		@Bean
		JettyPortReservationCustomizer jettyManagementPortReservationCustomizer(WebServerPorts ports,
				ObjectProvider<ManagementServerProperties> management) {
			return new JettyPortReservationCustomizer(ports, PROPERTY, port(management));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ NettyReactiveWebServerFactory.class, HttpServer.class })
	static class NettyManagementPortConfiguration {

		@Bean
		NettyPortReservationCustomizer nettyManagementPortReservationCustomizer(WebServerPorts ports,
				ObjectProvider<ManagementServerProperties> management,
				ObjectProvider<ReactorResourceFactory> resourceFactory) {
			return new NettyPortReservationCustomizer(ports, PROPERTY, port(management), resourceFactory);
		}

	}

}
