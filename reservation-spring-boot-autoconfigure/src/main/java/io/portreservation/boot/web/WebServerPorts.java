package io.portreservation.boot.web;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.boot.BlockSummary;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.diagnostics.ServerPortException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Where the application's servers take their ports: the rule of {@link ServerPortLeases},
 * with the meaning {@code server.port} has in Spring Boot. Unset is Boot's 8080, a fixed
 * port is that exact port (from a block that contains it or reserved on its own at
 * startup), 0 takes a port of the default block, -1 leaves the server off. A default
 * block without TCP carries no server: each server then binds as configured, and says so
 * once.
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
	 * The port a server takes when its property is unset: Boot's 8080 for
	 * {@code server.port}; a management server with a port of its own always has it set.
	 * @param property the property, such as {@code server.port}
	 * @return the default port, {@code 0} for a port of the default block
	 */
	public static int defaultPort(String property) {
		return SERVER_PORT.equals(property) ? DEFAULT_SERVER_PORT : 0;
	}

	/**
	 * The default block, where a server asking for port 0 binds.
	 * @return the block
	 */
	public PortReservation block() {
		return this.allocator.block();
	}

	/**
	 * Whether the default block can carry TCP servers. Logs at INFO when it cannot, so
	 * the user knows the server binds as configured: ask once per server.
	 * @param server the server, such as {@code tomcat}
	 * @return {@code true} if the block includes TCP
	 */
	public boolean servesTcp(String server) {
		PortReservation block = block();
		if (block.protocol().includesTcp()) {
			return true;
		}
		logger.info("The port block " + BlockSummary.ports(block) + " is " + block.protocol() + " only; the " + server
				+ " server binds as configured, outside the block");
		return false;
	}

	/**
	 * Lease the port for a server, once per server: checks {@link #servesTcp} first.
	 * @param server the server, such as {@code rsocket}
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
	 * Lease the port for a server whose unset port has a default of its own, such as 9090
	 * for Spring Boot's gRPC server, once per server: checks {@link #servesTcp} first.
	 * @param server the server, such as {@code grpc}
	 * @param property the property that configures the port
	 * @param configured the property's value, or {@code null} if it is not set
	 * @param defaultPort the port the server binds when the property is unset
	 * @return the lease, or {@code null} if the server is off ({@code -1}) or the default
	 * block has no TCP
	 * @throws ServerPortException if the port cannot be leased
	 */
	public @Nullable PortLease lease(String server, String property, @Nullable Integer configured, int defaultPort) {
		return servesTcp(server) ? leaseInBlock(server, property, configured, defaultPort) : null;
	}

	/**
	 * Lease the port for a server already known to bind in the block ({@link #servesTcp}
	 * was asked).
	 * @param server the server, such as {@code tomcat}
	 * @param property the property that configures the port
	 * @param configured the property's value, or {@code null} if it is not set
	 * @param defaultPort the port the server binds when the property is unset
	 * @return the lease, or {@code null} if the server is off ({@code -1})
	 * @throws ServerPortException if the port cannot be leased
	 */
	@Nullable PortLease leaseInBlock(String server, String property, @Nullable Integer configured, int defaultPort) {
		return this.leases.lease(server, property, configured, defaultPort);
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

}
