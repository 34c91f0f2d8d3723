package io.portreservation.boot.autoconfigure;

import io.portreservation.boot.BlockPortAllocator;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.PortAllocatorListener;
import io.portreservation.boot.web.WebServerPorts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configuration that reserves the configured port blocks as the
 * {@link PortAllocator} bean is created: before any web server starts, because every
 * server integration depends on it. Its collaborators each do one part:
 * {@link BlockRequests} turns the properties into requests, {@link FixedServerPorts}
 * reserves the fixed ports of the web and management servers at the same moment (in a web
 * server context), {@link ReservationStartupLog} writes the startup line, and
 * {@link LocalPortsPropertySource} publishes each block's ports as
 * {@code local.port-reservation.<name>.first-port} and {@code .last-port}. When DevTools
 * restarts the application, the restarted context takes the same blocks and ports back
 * ({@link KeepPortsOnRestartListener}).
 */
@AutoConfiguration
@Conditional(OnPortReservationEnabledCondition.class)
@EnableConfigurationProperties(PortReservationProperties.class)
@ImportRuntimeHints(PortReservationRuntimeHints.class)
public final class PortReservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PortAllocator portAllocator(PortReservationProperties properties, ConfigurableEnvironment environment,
			ObjectProvider<PortAllocatorListener> listeners, ApplicationContext context) {
		long started = System.nanoTime();
		BlockPortAllocator allocator = BlockPortAllocator.reserve(BlockRequests.of(properties), properties.getBackend(),
				listeners.orderedStream().toList());
		if (context instanceof WebServerApplicationContext) {
			FixedServerPorts.reserve(allocator, context);
		}
		ReservationStartupLog.reserved(allocator, started, properties.isShowToken());
		LocalPortsPropertySource.publish(allocator, environment);
		return allocator;
	}

	@Bean
	@ConditionalOnMissingBean
	WebServerPorts portReservationWebServerPorts(PortAllocator allocator) {
		return new WebServerPorts(allocator);
	}

	/**
	 * DevTools restarts the application when its class path changes: the context closes
	 * and a new one starts in the same JVM, and it keeps its ports.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.devtools.classpath.ClassPathChangedEvent")
	static class DevToolsRestartConfiguration {

		@Bean
		KeepPortsOnRestartListener portReservationKeepPortsOnRestartListener(ObjectProvider<PortAllocator> allocator) {
			return new KeepPortsOnRestartListener(allocator);
		}

	}

}
