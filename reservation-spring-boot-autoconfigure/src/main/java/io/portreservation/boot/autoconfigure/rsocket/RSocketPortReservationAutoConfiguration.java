package io.portreservation.boot.autoconfigure.rsocket;

import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;
import io.portreservation.boot.rsocket.NettyRSocketPortReservationCustomizer;
import io.portreservation.boot.rsocket.RSocketPortReservationBeanPostProcessor;
import io.portreservation.boot.web.WebServerPorts;
import io.rsocket.core.RSocketServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.rsocket.autoconfigure.RSocketProperties;
import org.springframework.boot.rsocket.netty.NettyRSocketServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Auto-configuration that makes Spring Boot's standalone RSocket server (the one
 * {@code spring.rsocket.server.port} starts) listen on a port of the reserved block. An
 * RSocket endpoint mapped onto the WebFlux server is on the web server's port, which is
 * in the block already.
 */
// Not ordered after Boot's RSocket auto-configuration: nothing here depends on its beans,
// and naming it would move it ahead of the messaging auto-configuration it needs.
@AutoConfiguration(after = PortReservationAutoConfiguration.class)
@ConditionalOnClass({ RSocketServer.class, NettyRSocketServerFactory.class, HttpServer.class })
@ConditionalOnProperty(NettyRSocketPortReservationCustomizer.PORT_PROPERTY)
@ConditionalOnBean(WebServerPorts.class)
public final class RSocketPortReservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static RSocketPortReservationBeanPostProcessor rSocketPortReservationBeanPostProcessor() {
		return new RSocketPortReservationBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	NettyRSocketPortReservationCustomizer nettyRSocketPortReservationCustomizer(WebServerPorts ports,
			ObjectProvider<RSocketProperties> properties, ObjectProvider<ReactorResourceFactory> resourceFactory) {
		// Boot's RSocket server auto-configuration, which starts the server, has them.
		RSocketProperties.Server server = properties.getIfAvailable(RSocketProperties::new).getServer();
		return new NettyRSocketPortReservationCustomizer(ports, server.getPort(), server.getAddress(), resourceFactory);
	}

}
