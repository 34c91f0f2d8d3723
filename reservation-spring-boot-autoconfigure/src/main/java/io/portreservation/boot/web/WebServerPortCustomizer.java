package io.portreservation.boot.web;

import io.portreservation.PortLease;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * The part every server's customizer shares: which property sets its port, and the lease
 * for that port. Ordered last, so it sees the factory as Spring Boot's own customizers
 * left it (they set the port from {@code server.*} or {@code management.server.*}).
 *
 * @param <F> the server's factory type
 */
public abstract class WebServerPortCustomizer<F extends WebServerFactory>
		implements WebServerFactoryCustomizer<F>, Ordered {

	private final WebServerPorts ports;

	private final String property;

	private final @Nullable Integer configuredPort;

	/**
	 * Create a customizer.
	 * @param ports the block's ports
	 * @param property the property that sets the port, such as {@code server.port}
	 * @param configuredPort the property's value, or {@code null} if it is not set
	 */
	protected WebServerPortCustomizer(WebServerPorts ports, String property, @Nullable Integer configuredPort) {
		this.ports = ports;
		this.property = property;
		this.configuredPort = configuredPort;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * The block's ports.
	 * @return the ports
	 */
	protected final WebServerPorts ports() {
		return this.ports;
	}

	/**
	 * Lease the port the property asks for.
	 * @param server the server's name, for messages and the lease's owner
	 * @return the lease, or {@code null} when the server stays off the block (a block
	 * without TCP, or the property is {@code -1})
	 */
	protected final @Nullable PortLease leaseConfiguredPort(String server) {
		return this.ports.lease(server, this.property, this.configuredPort);
	}

}
