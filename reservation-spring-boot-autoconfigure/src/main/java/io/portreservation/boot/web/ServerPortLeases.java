package io.portreservation.boot.web;

import java.util.Map;

import io.portreservation.BlockExhaustedException;
import io.portreservation.PortAlreadyLeasedException;
import io.portreservation.PortLease;
import io.portreservation.PortRange;
import io.portreservation.PortReservation;
import io.portreservation.ReservationRequest;
import io.portreservation.boot.BlockPortAllocator;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.diagnostics.ServerPortException;
import io.portreservation.boot.diagnostics.ServerPortException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * The port rule every server of the application follows, whatever kind it is (web,
 * management, gRPC, RSocket): a server's name and its configured port become a lease.
 * <ul>
 * <li>a fixed port, or the server's own default when the property is unset, is that exact
 * port: taken from a block that contains it, otherwise from a reservation of that one
 * port (made at startup by {@link #reserveFixedPort}, or here if it was not);</li>
 * <li>{@code 0} takes a port of the default block ("pick a port for me", with the pick
 * coming from the block);</li>
 * <li>a negative port leaves the server off: no lease.</li>
 * </ul>
 * A fixed port another process holds fails as Spring Boot's own port-in-use failure.
 */
public final class ServerPortLeases {

	private static final PortRange EVERY_PORT = new PortRange(1, ReservationRequest.MAX_PORT);

	private final PortAllocator allocator;

	/**
	 * Create an instance.
	 * @param allocator the allocator whose blocks and single ports the servers bind in
	 */
	public ServerPortLeases(PortAllocator allocator) {
		this.allocator = allocator;
	}

	/**
	 * Reserve a server's fixed port on its own unless a block of the allocator contains
	 * it already. Called as early as possible, so nothing can take the port before the
	 * server binds it.
	 * @param allocator the allocator to hold the reservation
	 * @param property the property that sets the port, such as {@code server.port}
	 * @param port the fixed port (1-65535)
	 * @throws org.springframework.boot.web.server.PortInUseException if another process
	 * holds the port
	 */
	public static void reserveFixedPort(BlockPortAllocator allocator, String property, int port) {
		if (tcpBlockContaining(allocator, port) == null) {
			allocator.reservePort(property, port);
		}
	}

	/**
	 * Lease the port of a server.
	 * @param server the server, such as {@code tomcat} or {@code grpc}
	 * @param property the property that configures the port, such as {@code server.port}
	 * @param configured the property's value, or {@code null} if it is not set
	 * @param defaultPort the port the server takes when the property is unset, as Spring
	 * Boot defines it ({@code 8080} for {@code server.port}); {@code 0} for none
	 * @return the lease, or {@code null} if the server is off (a negative port)
	 * @throws ServerPortException if the port cannot be leased
	 */
	public @Nullable PortLease lease(String server, String property, @Nullable Integer configured, int defaultPort) {
		int port = (configured != null) ? configured : defaultPort;
		if (port < 0) {
			return null;
		}
		if (port > ReservationRequest.MAX_PORT) {
			throw ServerPortException.of(Reason.NOT_A_PORT, server, property, configured, this.allocator.block(),
					property + " is " + port + ", which is not a port (" + EVERY_PORT + ")", null);
		}
		String owner = server + " (" + property + ")";
		PortReservation block = (port == 0) ? this.allocator.block() : fixedPortBlock(property, port);
		try {
			return (port == 0) ? block.lease(owner) : block.lease(port, owner);
		}
		catch (BlockExhaustedException ex) {
			throw ServerPortException.of(Reason.BLOCK_EXHAUSTED, server, property, configured, block,
					"every port of the block is leased already (" + block.leases().size() + " leases)", ex);
		}
		catch (PortAlreadyLeasedException ex) {
			throw ServerPortException.of(Reason.ALREADY_LEASED, server, property, configured, block,
					"port " + port + " is leased to '" + ex.getOwner() + "' already", ex);
		}
	}

	private PortReservation fixedPortBlock(String property, int port) {
		PortReservation block = tcpBlockContaining(this.allocator, port);
		if (block != null) {
			return block;
		}
		if (this.allocator instanceof BlockPortAllocator blocks) {
			// A server whose port was not known at startup: reserve it now, still before
			// it binds.
			return blocks.reservePort(property, port);
		}
		throw new IllegalStateException("Port " + port + " (" + property + ") is in no block of " + this.allocator
				+ " and that allocator cannot reserve single ports");
	}

	private static @Nullable PortReservation tcpBlockContaining(PortAllocator allocator, int port) {
		for (Map.Entry<String, PortReservation> entry : allocator.blocks().entrySet()) {
			PortReservation block = entry.getValue();
			if (block.protocol().includesTcp() && block.contains(port)) {
				return block;
			}
		}
		return null;
	}

}
