package io.portreservation.boot.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portreservation.LeaseInfo;
import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} that shows the application's reserved port blocks and who
 * holds each leased port. Read-only; the reservation token is left out unless asked for.
 */
@Endpoint(id = "portreservations")
public class PortReservationsEndpoint {

	private final PortAllocator allocator;

	private final boolean showToken;

	/**
	 * Create an endpoint.
	 * @param allocator the allocator whose blocks are shown
	 * @param showToken whether to show each block's reservation token
	 */
	public PortReservationsEndpoint(PortAllocator allocator, boolean showToken) {
		this.allocator = allocator;
		this.showToken = showToken;
	}

	/**
	 * Every block, by name.
	 * @return the blocks
	 */
	@ReadOperation
	public PortReservationsDescriptor portReservations() {
		Map<String, BlockDescriptor> blocks = new LinkedHashMap<>();
		this.allocator.blocks().forEach((name, block) -> blocks.put(name, describe(name, block)));
		return new PortReservationsDescriptor(blocks);
	}

	/**
	 * One block.
	 * @param name the block's name
	 * @return the block, or {@code null} (404) if no block has that name
	 */
	@ReadOperation
	public @Nullable BlockDescriptor portReservation(@Selector String name) {
		PortReservation block = this.allocator.blocks().get(name);
		return (block != null) ? describe(name, block) : null;
	}

	private BlockDescriptor describe(String name, PortReservation block) {
		List<LeaseDescriptor> leases = block.leases().stream().map(LeaseDescriptor::new).toList();
		String token = this.showToken ? "0x" + Long.toHexString(block.token()) : null;
		return new BlockDescriptor(name, block.protocol().toString(), block.firstPort(), block.lastPort(),
				block.count(), block.freeCount(), block.backend().id(), block.acquiredAt(), block.isValid(), token,
				leases);
	}

	/**
	 * The response of {@code /actuator/portreservations}.
	 *
	 * @param blocks every block, by name, the default block first
	 */
	public record PortReservationsDescriptor(Map<String, BlockDescriptor> blocks) implements OperationResponseBody {
	}

	/**
	 * One block, as shown by the endpoint.
	 *
	 * @param name the block's name
	 * @param protocol {@code TCP}, {@code UDP} or {@code TCP-UDP}
	 * @param firstPort the first port
	 * @param lastPort the last port
	 * @param count the number of ports
	 * @param free the number of ports not leased
	 * @param backend the backend that holds the block, such as {@code held-socket}
	 * @param acquiredAt when the block was acquired
	 * @param valid whether the block is still held
	 * @param token the reservation token in hex, or {@code null} (left out) unless
	 * {@code port-reservation.show-token} is set
	 * @param leases the open leases, by port
	 */
	public record BlockDescriptor(String name, String protocol, int firstPort, int lastPort, int count, int free,
			String backend, Instant acquiredAt, boolean valid, @Nullable String token,
			List<LeaseDescriptor> leases) implements OperationResponseBody {
	}

	/**
	 * One lease, as shown by the endpoint.
	 *
	 * @param port the leased port
	 * @param owner who holds it, such as {@code tomcat:http}
	 * @param since when it was leased
	 * @param bound whether a socket bound through the lease is open
	 */
	public record LeaseDescriptor(int port, String owner, Instant since, boolean bound) {

		LeaseDescriptor(LeaseInfo lease) {
			this(lease.port(), lease.owner(), lease.since(), lease.bound());
		}

	}

}
