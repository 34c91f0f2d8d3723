package io.portreservation.boot.web;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.diagnostics.ServerPortException;
import io.portreservation.boot.diagnostics.ServerPortException.Reason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The web and management servers' side of {@link ServerPortLeases}: keeps the meaning
 * {@code server.port} has in Spring Boot. Unset is Boot's 8080, a fixed port is that exact
 * port (from a block that contains it or reserved on its own at startup), 0 takes a port of
 * the default block, -1 leaves the server off.
 */
public final class WebServerPorts {

	/** The port Spring Boot's web server takes when {@code server.port} is unset. */
	public static final int DEFAULT_SERVER_PORT = 8080;

	private static final String SERVER_PORT = "server.port";

	private static final Log logger = LogFactory.getLog(WebServerPorts.class);

	private final PortAllocator allocator;

	private final ServerPortLeases leases;

	/**
	 * Create an instance.
	 * @param allocator the allocator whose blocks the servers bind in
	 */
	public WebServerPorts(PortAllocator allocator) {
		this.allocator = allocator;
		this.leases = new ServerPortLeases(allocator);
	}

	/**
	 * Read a port property as Spring Boot binds it (so {@code SERVER_PORT} and friends
	 * count), rather than trusting a factory's default port.
	 * @param environment the environment
	 * @param property the property, such as {@code server.port}
	 * @return the port, or {@code null} if the property is not set
	 */
	public static @Nullable Integer configuredPort(Environment environment, String property) {
		return Binder.get(environment).bind(property, Integer.class).orElse(null);
	}

	/**
	 * Whether the default block can carry TCP servers. Logs at INFO when it cannot, so
	 * the user knows the server binds as configured.
	 * @param server the server, such as {@code tomcat}
	 * @return {@code true} if the block includes TCP
	 */
	public boolean servesTcp(String server) {
		PortReservation block = this.allocator.block();
		if (block.protocol().includesTcp()) {
			return true;
		}
		logger.info("The port block " + block.firstPort() + "-" + block.lastPort() + " is " + block.protocol()
				+ " only; the " + server + " server binds as configured, outside the block");
		return false;
	}

	/**
	 * Lease the port for a server.
	 * @param server the server, such as {@code tomcat}
	 * @param property the property that configures the port, such as {@code server.port}
	 * @param configured the property's value, or {@code null} if it is not set
	 * @return the lease, or {@code null} if the server is off ({@code -1}) or the default
	 * block has no TCP
	 * @throws ServerPortException if the port cannot be leased
	 */
	public @Nullable PortLease lease(String server, String property, @Nullable Integer configured) {
		return lease(server, property, configured, defaultPort(property));
	}

	/**
	 * Lease the port for a server whose unset port has a default of its own, such as
	 * 9090 for Spring Boot's gRPC server.
	 * @param server the server, such as {@code grpc}
	 * @param property the property that configures the port
	 * @param configured the property's value, or {@code null} if it is not set
	 * @param defaultPort the port the server binds when the property is unset
	 * @return the lease, or {@code null} if the server is off ({@code -1}) or the default
	 * block has no TCP
	 * @throws ServerPortException if the port cannot be leased
	 */
	public @Nullable PortLease lease(String server, String property, @Nullable Integer configured, int defaultPort) {
		if (!servesTcp(server)) {
			return null;
		}
		return this.leases.lease(server, property, configured, defaultPort);
	}

	/**
	 * The port a server takes when its property is unset: Boot's 8080 for
	 * {@code server.port}; a management server with a port of its own always has it set.
	 * @param property the property, such as {@code server.port}
	 * @return the default port, {@code 0} for a port of the default block
	 */
	public static int defaultPort(String property) {
		return SERVER_PORT.equals(property) ? DEFAULT_SERVER_PORT : 0;
	}

	/**
	 * Lease the port for a further connector of a server (a Tomcat additional connector,
	 * a second Jetty connector), by the same rule: 0 a port of the default block, a fixed
	 * port exactly that port.
	 * @param server the connector, such as {@code tomcat additional connector 'AJP/1.3'}
	 * @param configured the connector's port
	 * @return the lease
	 * @throws ServerPortException if the port cannot be leased
	 */
	public PortLease leaseForConnector(String server, int configured) {
		PortLease lease = this.leases.lease(server, "its port", configured, 0);
		if (lease == null) {
			throw new IllegalArgumentException("The port of " + server + " is " + configured);
		}
		return lease;
	}

	/**
	 * Create the failure for a connector that cannot take a handed-over channel.
	 * @param server the connector, in words
	 * @param port its configured port
	 * @param detail why it cannot, and how to make it able to
	 * @return the exception to throw
	 */
	public ServerPortException refuse(String server, int port, String detail) {
		return ServerPortLeases.failure(Reason.CONNECTOR_REFUSED, server, "its port", port, this.allocator.block(),
				detail, null);
	}

}
