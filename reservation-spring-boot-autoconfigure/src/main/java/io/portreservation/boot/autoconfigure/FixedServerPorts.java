package io.portreservation.boot.autoconfigure;

import io.portreservation.boot.BlockPortAllocator;
import io.portreservation.boot.web.ServerPortLeases;
import io.portreservation.boot.web.WebServerPorts;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.util.ClassUtils;

/**
 * Reserves, as the allocator is created, the fixed ports of the web and management
 * servers ({@code server.port}, Boot's 8080 when unset, and
 * {@code management.server.port}) that lie in no block. The allocator is created while
 * the context creates its web server factory, at the start of the refresh and before
 * every other singleton, so nothing can take those ports during the long part of startup.
 * Used only in a web server context, where Spring Boot's web server classes are present.
 */
final class FixedServerPorts {

	private static final String SERVER_PORT = "server.port";

	private static final String MANAGEMENT_SERVER_PORT = "management.server.port";

	private static final String MANAGEMENT_SERVER_PROPERTIES = "org.springframework.boot.actuate.autoconfigure.web.server."
			+ "ManagementServerProperties";

	private FixedServerPorts() {
	}

	/**
	 * Reserve the servers' fixed ports, or close the allocator and rethrow.
	 * @param allocator the allocator just created
	 * @param beanFactory where Spring Boot's server properties are beans
	 * @throws org.springframework.boot.web.server.PortInUseException if another process
	 * holds a fixed port
	 */
	static void reserve(BlockPortAllocator allocator, BeanFactory beanFactory) {
		if (!allocator.block().protocol().includesTcp()) {
			return; // the servers bind as configured, outside the block
		}
		try {
			// Absent only without Boot's web server auto-configuration: unset, Boot's
			// 8080.
			Integer configured = beanFactory.getBeanProvider(ServerProperties.class)
				.getIfAvailable(ServerProperties::new)
				.getPort();
			int serverPort = (configured != null) ? configured : WebServerPorts.DEFAULT_SERVER_PORT;
			if (serverPort > 0) {
				ServerPortLeases.reserveFixedPort(allocator, SERVER_PORT, serverPort);
			}
			Integer management = managementPort(beanFactory);
			// Equal to server.port, the management endpoints are served by the main
			// server.
			if (management != null && management > 0 && management != serverPort) {
				ServerPortLeases.reserveFixedPort(allocator, MANAGEMENT_SERVER_PORT, management);
			}
		}
		catch (RuntimeException ex) {
			allocator.close(); // nothing half-held
			throw ex;
		}
	}

	/**
	 * The management server's own port: Spring Boot has its properties as a bean only
	 * when the management server has a port of its own (a different port, not -1).
	 */
	private static @Nullable Integer managementPort(BeanFactory beanFactory) {
		if (!ClassUtils.isPresent(MANAGEMENT_SERVER_PROPERTIES, FixedServerPorts.class.getClassLoader())) {
			return null;
		}
		return ManagementPort.of(beanFactory);
	}

	/** Loaded only with the actuator, whose properties it reads. */
	private static final class ManagementPort {

		static @Nullable Integer of(BeanFactory beanFactory) {
			return beanFactory.getBeanProvider(ManagementServerProperties.class)
				.getIfAvailable(ManagementServerProperties::new)
				.getPort();
		}

	}

}
