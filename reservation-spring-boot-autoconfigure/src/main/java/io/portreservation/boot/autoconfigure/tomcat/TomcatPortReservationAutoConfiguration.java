package io.portreservation.boot.autoconfigure.tomcat;

import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;
import io.portreservation.boot.tomcat.TomcatPortReservationCustomizer;
import io.portreservation.boot.web.WebServerPorts;
import org.apache.coyote.http11.Http11NioProtocol;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that binds embedded Tomcat (servlet or reactive) inside the reserved
 * block, on {@code server.port}.
 */
@AutoConfiguration(after = PortReservationAutoConfiguration.class)
@ConditionalOnClass({ TomcatWebServerFactory.class, Http11NioProtocol.class })
@ConditionalOnWebApplication
@ConditionalOnBean(WebServerPorts.class)
public final class TomcatPortReservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TomcatPortReservationCustomizer tomcatPortReservationCustomizer(WebServerPorts ports,
			ObjectProvider<ServerProperties> server) {
		// Absent only without Boot's web server auto-configuration (a test's context):
		// unset.
		return new TomcatPortReservationCustomizer(ports, "server.port",
				server.getIfAvailable(ServerProperties::new).getPort());
	}

}
