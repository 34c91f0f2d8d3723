package io.portreservation.boot.autoconfigure.jetty;

import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;
import io.portreservation.boot.jetty.JettyPortReservationCustomizer;
import io.portreservation.boot.web.WebServerPorts;
import org.eclipse.jetty.server.ServerConnector;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that binds embedded Jetty (servlet or reactive) inside the reserved
 * block, on {@code server.port}.
 */
@AutoConfiguration(after = PortReservationAutoConfiguration.class)
@ConditionalOnClass({ JettyWebServerFactory.class, ServerConnector.class })
@ConditionalOnWebApplication
@ConditionalOnBean(WebServerPorts.class)
public final class JettyPortReservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JettyPortReservationCustomizer jettyPortReservationCustomizer(WebServerPorts ports,
			ObjectProvider<ServerProperties> server) {
		// Absent only without Boot's web server auto-configuration (a test's context):
		// unset.
		return new JettyPortReservationCustomizer(ports, "server.port",
				server.getIfAvailable(ServerProperties::new).getPort());
	}

}
