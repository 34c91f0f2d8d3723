package io.portreservation.boot.web;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.portreservation.BlockExhaustedException;
import io.portreservation.PortAlreadyLeasedException;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.diagnostics.ServerPortException;
import io.portreservation.boot.diagnostics.ServerPortException.Reason;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Turns a server's configured port into a lease of the default block, keeping the
 * meaning {@code server.port} has in Spring Boot: unset or 0 takes a port of the block, a
 * port inside the block takes exactly that port, -1 leaves the server off, and anything
 * else stops startup with a {@link ServerPortException}.
 */
public final class WebServerPorts {

	private static final Log logger = LogFactory.getLog(WebServerPorts.class);

	private final PortAllocator allocator;

	private final boolean anyBlock;

	/**
	 * Create an instance.
	 * @param allocator the allocator whose default block the servers bind in
	 * @param anyBlock whether the default block was requested as any free block
	 * ({@code start-port} 0), in which case a fixed port cannot be honoured
	 */
	public WebServerPorts(PortAllocator allocator, boolean anyBlock) {
		this.allocator = allocator;
		this.anyBlock = anyBlock;
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
	 * @return the lease, or {@code null} if the server is off ({@code -1}) or the block
	 * has no TCP
	 * @throws ServerPortException if the port cannot come from the block
	 */
	public @Nullable PortLease lease(String server, String property, @Nullable Integer configured) {
		if (!servesTcp(server)) {
			return null;
		}
		if (configured != null && configured < 0) {
			return null;
		}
		return leaseFromBlock(server, property, configured);
	}

	/**
	 * Lease the port for a further connector of a server (a Tomcat additional connector,
	 * a second Jetty connector). Its port must be 0 or inside the block.
	 * @param server the connector, such as {@code tomcat additional connector 'AJP/1.3'}
	 * @param configured the connector's port
	 * @return the lease
	 * @throws ServerPortException if the port cannot come from the block
	 */
	public PortLease leaseForConnector(String server, int configured) {
		return leaseFromBlock(server, "its port", configured);
	}

	private PortLease leaseFromBlock(String server, String property, @Nullable Integer configured) {
		PortReservation block = this.allocator.block();
		String owner = server + " (" + property + ")";
		try {
			if (configured == null || configured == 0) {
				return this.allocator.lease(PortAllocator.DEFAULT_BLOCK, owner);
			}
			if (this.anyBlock) {
				throw failure(Reason.FIXED_PORT_WITH_ANY_BLOCK, server, property, configured, block,
						property + " is " + configured + " but port-reservation.start-port is 0, so the block is any "
								+ "free block and cannot be made to contain a fixed port",
						null);
			}
			if (!block.contains(configured)) {
				throw failure(Reason.OUTSIDE_BLOCK, server, property, configured, block, property + " is " + configured
						+ ", outside the block " + block.firstPort() + "-" + block.lastPort(), null);
			}
			return this.allocator.lease(PortAllocator.DEFAULT_BLOCK, configured, owner);
		}
		catch (BlockExhaustedException ex) {
			throw failure(Reason.BLOCK_EXHAUSTED, server, property, configured, block,
					"every port of the block is leased already (" + block.leases().size() + " leases)", ex);
		}
		catch (PortAlreadyLeasedException ex) {
			throw failure(Reason.ALREADY_LEASED, server, property, configured, block,
					"port " + configured + " is leased to '" + ex.getOwner() + "' already", ex);
		}
	}

	/**
	 * Create the failure for a connector that cannot take a handed-over channel.
	 * @param server the connector, in words
	 * @param port its configured port
	 * @param detail why it cannot, and how to make it able to
	 * @return the exception to throw
	 */
	public ServerPortException refuse(String server, int port, String detail) {
		return failure(Reason.CONNECTOR_REFUSED, server, "its port", port, this.allocator.block(), detail, null);
	}

	private static ServerPortException failure(Reason reason, String server, String property,
			@Nullable Integer configured, PortReservation block, String detail, @Nullable Throwable cause) {
		return new ServerPortException(reason, server, property, configured, block.firstPort(), block.lastPort(),
				detail, cause);
	}

}
