package io.portreservation.boot.web;

import io.portreservation.PortLease;
import io.portreservation.boot.diagnostics.ServerPortException;
import io.portreservation.boot.diagnostics.ServerPortException.Reason;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * The part every server's customizer shares: which property sets its port, whether the
 * block carries the server at all (asked once per server), and the lease for that port.
 * Ordered last, so it sees the factory as Spring Boot's own customizers left it (they set
 * the port from {@code server.*} or {@code management.server.*}).
 *
 * @param <F> the server's factory type
 */
public abstract class WebServerPortCustomizer<F extends WebServerFactory>
		implements WebServerFactoryCustomizer<F>, Ordered {

	private static final String CONNECTOR_PORT = "its port";

	private final String server;

	private final WebServerPorts ports;

	private final String property;

	private final @Nullable Integer configuredPort;

	/**
	 * Create a customizer.
	 * @param server the server's name, for messages and the lease's owner, such as
	 * {@code tomcat}
	 * @param ports the block's ports
	 * @param property the property that sets the port, such as {@code server.port}
	 * @param configuredPort the property's value, or {@code null} if it is not set
	 */
	protected WebServerPortCustomizer(String server, WebServerPorts ports, String property,
			@Nullable Integer configuredPort) {
		this.server = server;
		this.ports = ports;
		this.property = property;
		this.configuredPort = configuredPort;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * Lease the port the property asks for and let the subclass serve on it, unless the
	 * default block has no TCP: then the server binds as configured.
	 */
	@Override
	public final void customize(F factory) {
		if (this.ports.servesTcp(this.server)) {
			customize(factory, this.ports.leaseInBlock(this.server, this.property, this.configuredPort,
					WebServerPorts.defaultPort(this.property)));
		}
	}

	/**
	 * Make the factory serve on the lease.
	 * @param factory the factory
	 * @param lease the lease of the port the property asks for, or {@code null} when the
	 * property is {@code -1} (the server is off, its further connectors may not be)
	 */
	protected abstract void customize(F factory, @Nullable PortLease lease);

	/**
	 * The block's ports.
	 * @return the ports
	 */
	protected final WebServerPorts ports() {
		return this.ports;
	}

	/**
	 * Create the failure for a connector that cannot take a handed-over channel.
	 * @param connector the connector, in words
	 * @param port its configured port
	 * @param detail why it cannot, and how to make it able to
	 * @return the exception to throw
	 */
	protected final ServerPortException refuse(String connector, int port, String detail) {
		return ServerPortException.of(Reason.CONNECTOR_REFUSED, connector, CONNECTOR_PORT, port, this.ports.block(),
				detail, null);
	}

}
