package io.portreservation.boot;

import java.util.Map;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;

/**
 * The application's reserved blocks, as a bean: the default block configured under
 * {@code port-reservation.*} and the named blocks under
 * {@code port-reservation.blocks.<name>.*}. Use it to give the application's other
 * servers (a gRPC server, a UDP socket) ports and bound channels from a block.
 *
 * <pre>{@code
 * try (PortLease lease = allocator.lease("grpc")) {
 *     ServerSocketChannel channel = lease.openServerSocketChannel(null, 0);
 * }
 * }</pre>
 */
public interface PortAllocator {

	/** The name of the block configured directly under {@code port-reservation.*}. */
	String DEFAULT_BLOCK = "default";

	/**
	 * Every block, by name, the default block first.
	 * @return the blocks
	 */
	Map<String, PortReservation> blocks();

	/**
	 * A block by name.
	 * @param name {@link #DEFAULT_BLOCK} or a name under {@code port-reservation.blocks}
	 * @return the block
	 * @throws IllegalArgumentException if no block has that name
	 */
	PortReservation block(String name);

	/**
	 * The default block.
	 * @return the block configured under {@code port-reservation.*}
	 */
	default PortReservation block() {
		return block(DEFAULT_BLOCK);
	}

	/**
	 * Lease the next free port of the default block.
	 * @param owner who takes the port, shown by the actuator endpoint
	 * @return the lease
	 */
	default PortLease lease(String owner) {
		return block().lease(owner);
	}

	/**
	 * Lease the next free port of a named block.
	 * @param blockName the block's name
	 * @param owner who takes the port, shown by the actuator endpoint
	 * @return the lease
	 */
	default PortLease lease(String blockName, String owner) {
		return block(blockName).lease(owner);
	}

	/**
	 * Lease a given port of a named block.
	 * @param blockName the block's name
	 * @param port a port inside the block
	 * @param owner who takes the port, shown by the actuator endpoint
	 * @return the lease
	 */
	default PortLease lease(String blockName, int port, String owner) {
		return block(blockName).lease(port, owner);
	}

}
