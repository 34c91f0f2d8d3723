package io.portreservation;

import java.time.Instant;
import java.util.List;

/**
 * A block of consecutive ports held for this process until {@link #close()} (or until the
 * process ends). Ports are taken from the block as {@link PortLease leases}; a server
 * binds through its lease so that it lands inside the block with no window in which
 * another process could take the port.
 *
 * <pre>{@code
 * try (PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 16));
 *      PortLease lease = block.lease("grpc")) {
 *     ServerSocketChannel server = lease.openServerSocketChannel(null, 128);
 *     // serve on server; block.firstPort() .. block.lastPort() stay ours
 * }
 * }</pre>
 *
 * <p>
 * Implementations are thread-safe.
 */
public interface PortReservation extends AutoCloseable {

	/**
	 * The protocol the block is reserved for.
	 * @return the protocol
	 */
	Protocol protocol();

	/**
	 * The first port of the block.
	 * @return the first port
	 */
	int firstPort();

	/**
	 * The number of ports in the block.
	 * @return the block size
	 */
	int count();

	/**
	 * The last port of the block.
	 * @return {@code firstPort() + count() - 1}
	 */
	default int lastPort() {
		return firstPort() + count() - 1;
	}

	/**
	 * Whether a port lies inside the block.
	 * @param port a port number
	 * @return {@code true} if {@code firstPort() <= port <= lastPort()}
	 */
	default boolean contains(int port) {
		return port >= firstPort() && port <= lastPort();
	}

	/**
	 * An opaque 64-bit token for the reservation: the kernel's token on Windows, a random
	 * value elsewhere. Show it only where it is safe to.
	 * @return the token, never 0
	 */
	long token();

	/**
	 * The backend that holds the block.
	 * @return {@link Backend#WINSOCK} or {@link Backend#HELD_SOCKET}, never
	 * {@link Backend#AUTO}
	 */
	Backend backend();

	/**
	 * When the block was acquired.
	 * @return the instant
	 */
	Instant acquiredAt();

	/**
	 * Whether the block is still held: {@code false} after {@link #close()} or when the
	 * backend finds its holding socket gone.
	 * @return {@code true} while every port of the block is held
	 */
	boolean isValid();

	/**
	 * The number of ports not leased.
	 * @return the free count
	 */
	int freeCount();

	/**
	 * A snapshot of the open leases, ordered by port.
	 * @return the leases
	 */
	List<LeaseInfo> leases();

	/**
	 * Lease the next free port of the block.
	 * @param owner who takes the port, shown in diagnostics (such as {@code tomcat:http})
	 * @return the lease
	 * @throws BlockExhaustedException if every port is leased
	 * @throws IllegalStateException if the reservation is closed
	 */
	PortLease lease(String owner);

	/**
	 * Lease a given port of the block.
	 * @param port a port inside the block
	 * @param owner who takes the port, shown in diagnostics
	 * @return the lease
	 * @throws InvalidReservationArgumentException if the port is outside the block
	 * @throws PortAlreadyLeasedException if the port is leased already
	 * @throws IllegalStateException if the reservation is closed
	 */
	PortLease lease(int port, String owner);

	/**
	 * Release the block: close every lease and every holding socket. Safe to call more
	 * than once and from any thread.
	 */
	@Override
	void close();

}
