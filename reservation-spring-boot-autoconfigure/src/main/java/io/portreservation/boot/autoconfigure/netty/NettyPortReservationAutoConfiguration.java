package io.portreservation.boot.autoconfigure.netty;

import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;
import io.portreservation.boot.netty.NettyPortReservationCustomizer;
import io.portreservation.boot.web.WebServerPorts;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Auto-configuration that binds the Reactor Netty web server inside the reserved block,
 * on {@code server.port}.
 */
@AutoConfiguration(after = PortReservationAutoConfiguration.class)
@ConditionalOnClass({ NettyReactiveWebServerFactory.class, HttpServer.class })
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBean(WebServerPorts.class)
public final class NettyPortReservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NettyPortReservationCustomizer nettyPortReservationCustomizer(WebServerPorts ports,
			ObjectProvider<ServerProperties> server, ObjectProvider<ReactorResourceFactory> resourceFactory) {
		// Absent only without Boot's web server auto-configuration (a test's context):
		// unset.
		return new NettyPortReservationCustomizer(ports, "server.port",
				server.getIfAvailable(ServerProperties::new).getPort(), resourceFactory);
	}

}
