package io.portreservation.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.portreservation.PortReservation;
import io.portreservation.ReservationRequest;
import io.portreservation.boot.BlockPortAllocator;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.PortAllocatorListener;
import io.portreservation.boot.web.ServerPortLeases;
import io.portreservation.boot.web.WebServerPorts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
import org.springframework.core.env.MapPropertySource;

/**
 * Auto-configuration that reserves the configured port
 * blocks as the {@link PortAllocator} bean is created: before any web server starts,
 * because every server integration depends on it. In a web server context the fixed
 * ports of the web and management servers ({@code server.port}, Boot's 8080 when unset,
 * and {@code management.server.port}) that lie in no block are reserved one by one at the
 * same moment: the bean is created while the context creates its web server factory, at
 * the start of the refresh and before every other singleton, so nothing can take those
 * ports during the long part of startup. Publishes each block's ports as
 * {@code local.port-reservation.<name>.first-port} and {@code .last-port}. When
 * DevTools restarts the application, the restarted context takes the same blocks and
 * ports back ({@link KeepPortsOnRestartListener}).
 */
@AutoConfiguration
@Conditional(OnPortReservationEnabledCondition.class)
@EnableConfigurationProperties(PortReservationProperties.class)
@ImportRuntimeHints(PortReservationRuntimeHints.class)
public final class PortReservationAutoConfiguration {

	static final String PROPERTY_SOURCE_NAME = "port-reservation.ports";

	private static final String SERVER_PORT = "server.port";

	private static final String MANAGEMENT_SERVER_PORT = "management.server.port";

	private static final Log logger = LogFactory.getLog(PortReservationAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	PortAllocator portAllocator(PortReservationProperties properties, ConfigurableEnvironment environment,
			ObjectProvider<PortAllocatorListener> listeners, ApplicationContext context) {
		long started = System.nanoTime();
		BlockPortAllocator allocator = BlockPortAllocator.reserve(requests(properties), properties.getBackend(),
				listeners.orderedStream().toList());
		if (context instanceof WebServerApplicationContext) {
			reserveFixedServerPorts(allocator, environment);
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		String verb = allocator.isTakenBack() ? "Kept port blocks across the restart" : "Reserved port blocks";
		logger.info(verb + " in " + millis + " ms: " + describe(allocator, properties.isShowToken()));
		publish(allocator, environment);
		return allocator;
	}

	@Bean
	@ConditionalOnMissingBean
	WebServerPorts portReservationWebServerPorts(PortAllocator allocator) {
		return new WebServerPorts(allocator);
	}

	private static void reserveFixedServerPorts(BlockPortAllocator allocator, ConfigurableEnvironment environment) {
		if (!allocator.block().protocol().includesTcp()) {
			return; // the servers bind as configured, outside the block
		}
		try {
			Integer server = WebServerPorts.configuredPort(environment, SERVER_PORT);
			int serverPort = (server != null) ? server : WebServerPorts.DEFAULT_SERVER_PORT;
			if (serverPort > 0) {
				ServerPortLeases.reserveFixedPort(allocator, SERVER_PORT, serverPort);
			}
			Integer management = WebServerPorts.configuredPort(environment, MANAGEMENT_SERVER_PORT);
			// Equal to server.port, the management endpoints are served by the main server.
			if (management != null && management > 0 && management != serverPort) {
				ServerPortLeases.reserveFixedPort(allocator, MANAGEMENT_SERVER_PORT, management);
			}
		}
		catch (RuntimeException ex) {
			allocator.close(); // nothing half-held
			throw ex;
		}
	}

	static Map<String, ReservationRequest> requests(PortReservationProperties properties) {
		return BlockRequests.of(properties);
	}

	private static String describe(PortAllocator allocator, boolean showToken) {
		StringBuilder line = new StringBuilder();
		allocator.blocks().forEach((name, block) -> {
			line.append((line.length() > 0) ? "; " : "").append(name).append(' ').append(block.protocol())
				.append(' ').append(block.firstPort());
			if (block.count() > 1) {
				line.append('-').append(block.lastPort());
			}
			line.append(" (")
				.append(block.backend().id());
			if (showToken) {
				line.append(", token ").append(Long.toHexString(block.token()));
			}
			line.append(')');
		});
		return line.toString();
	}

	private static void publish(PortAllocator allocator, ConfigurableEnvironment environment) {
		Map<String, Object> ports = new LinkedHashMap<>();
		for (Map.Entry<String, PortReservation> entry : allocator.blocks().entrySet()) {
			String prefix = "local.port-reservation." + entry.getKey() + ".";
			ports.put(prefix + "first-port", entry.getValue().firstPort());
			ports.put(prefix + "last-port", entry.getValue().lastPort());
		}
		// Replaced, not merged: a context that restarts publishes its new blocks only.
		environment.getPropertySources().remove(PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, ports));
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
