package io.portreservation.boot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.portreservation.Backend;
import io.portreservation.PortLease;
import io.portreservation.PortRange;
import io.portreservation.PortReservation;
import io.portreservation.PortReservationException;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.boot.diagnostics.BlockReservationException;
import io.portreservation.spi.ShutdownRelease;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.PortInUseException;

/**
 * A {@link PortAllocator} over blocks it reserves itself and releases on
 * {@link #close()}. Either every block is reserved or none is: when one fails, those
 * already held are released before the failure is thrown. Besides the configured blocks
 * it holds the single ports of servers with a fixed port outside every block
 * ({@link #reservePort}), named by their property.
 */
public final class BlockPortAllocator implements PortAllocator, AutoCloseable {

	private final Map<String, PortReservation> blocks;

	private final AllocatorListeners listeners;

	private final Backend backend;

	private final Map<String, ReservationRequest> requests;

	/** Single ports a restarted allocator kept and this one has not asked for (yet). */
	private final Map<String, PortReservation> spares;

	private final boolean takenBack;

	private volatile boolean restartComing;

	private volatile boolean closed;

	private BlockPortAllocator(Map<String, PortReservation> blocks, AllocatorListeners listeners, Backend backend,
			Map<String, ReservationRequest> requests, Map<String, PortReservation> spares, boolean takenBack) {
		this.blocks = Collections.synchronizedMap(blocks);
		this.listeners = listeners;
		this.backend = backend;
		this.requests = Map.copyOf(requests);
		this.spares = spares;
		this.takenBack = takenBack;
	}

	/**
	 * Reserve blocks, or take back those an allocator with the same requests and backend
	 * kept when its context closed for a restart ({@link #restartComing()}). A wildcard
	 * block reserved anew lands, if it can, where the same request of this JVM landed
	 * before (see {@link RestartKeeper}).
	 * @param requests the blocks by name, the default block first
	 * @param backend the backend to hold them with
	 * @param listeners told of each block acquired and each lease refused
	 * @return an allocator holding every block
	 * @throws BlockReservationException naming the block that could not be reserved
	 */
	public static BlockPortAllocator reserve(Map<String, ReservationRequest> requests, Backend backend,
			List<PortAllocatorListener> listeners) {
		AllocatorListeners told = new AllocatorListeners(listeners);
		Map<String, PortReservation> kept = RestartKeeper.takeBack(requests, backend);
		if (kept != null) {
			Map<String, PortReservation> blocks = new LinkedHashMap<>();
			requests.keySet().forEach((name) -> blocks.put(name, kept.remove(name)));
			blocks.forEach((name, block) -> told.acquired(name, block, -1));
			return new BlockPortAllocator(blocks, told, backend, requests, kept, true);
		}
		Map<String, PortReservation> blocks = new LinkedHashMap<>();
		try {
			requests.forEach((name, request) -> {
				long started = System.nanoTime();
				PortReservation block = reserve(name, request, backend);
				blocks.put(name, block);
				// Released by close(), which the application context calls after its
				// servers stopped; the library's JVM hook would release it under them.
				ShutdownRelease.releasedByOwner(block);
				told.acquired(name, block, started);
			});
		}
		catch (RuntimeException ex) {
			closeAll(new ArrayList<>(blocks.values()), ex);
			throw ex;
		}
		return new BlockPortAllocator(blocks, told, backend, requests, new LinkedHashMap<>(), false);
	}

	/**
	 * Reserve one TCP port on its own, for a server whose fixed port lies in no block.
	 * Reserving the same name and port again returns the reservation already held.
	 * @param name the reservation's name, the property that sets the port (such as
	 * {@code server.port})
	 * @param port the port
	 * @return the reservation of that one port
	 * @throws PortInUseException if another process holds the port, as Spring Boot's own
	 * web servers report a port in use
	 */
	public PortReservation reservePort(String name, int port) {
		synchronized (this.blocks) {
			PortReservation held = this.blocks.get(name);
			if (held != null && BlockSummary.ports(held).equals(PortRange.of(port))) {
				return held;
			}
			if (held != null) {
				throw new IllegalStateException("A port block is named '" + name + "' already: " + held);
			}
			long started = System.nanoTime();
			PortReservation single = this.spares.remove(name);
			if (single != null && !BlockSummary.ports(single).equals(PortRange.of(port))) {
				single.close(); // kept for a port this configuration no longer has
				single = null;
			}
			if (single == null) {
				try {
					single = PortReservations.reserve(ReservationRequest.of(Protocol.TCP, port, 1), this.backend);
				}
				catch (PortReservationException ex) {
					throw new PortInUseException(port, ex);
				}
				ShutdownRelease.releasedByOwner(single);
			}
			this.blocks.put(name, single);
			this.listeners.acquired(name, single, started);
			return single;
		}
	}

	private static PortReservation reserve(String name, ReservationRequest request, Backend backend) {
		try {
			return RestartKeeper.reserve(name, request, backend);
		}
		catch (PortReservationException ex) {
			throw new BlockReservationException(name, request, ex);
		}
	}

	@Override
	public Map<String, PortReservation> blocks() {
		synchronized (this.blocks) {
			return Collections.unmodifiableMap(new LinkedHashMap<>(this.blocks));
		}
	}

	@Override
	public PortReservation block(String name) {
		PortReservation block = this.blocks.get(name);
		if (block == null) {
			throw new IllegalArgumentException("No port block is named '" + name + "'; the blocks are "
					+ this.blocks.keySet() + " (configure more under port-reservation.blocks.<name>)");
		}
		return block;
	}

	@Override
	public PortLease lease(String owner) {
		return lease(DEFAULT_BLOCK, owner);
	}

	@Override
	public PortLease lease(String blockName, String owner) {
		return lease(blockName, owner, (block) -> block.lease(owner));
	}

	@Override
	public PortLease lease(String blockName, int port, String owner) {
		return lease(blockName, owner, (block) -> block.lease(port, owner));
	}

	private PortLease lease(String blockName, String owner, Function<PortReservation, PortLease> lease) {
		PortReservation block = block(blockName);
		try {
			return lease.apply(block);
		}
		catch (RuntimeException ex) {
			this.listeners.leaseFailed(blockName, owner, ex);
			throw ex;
		}
	}

	/**
	 * Whether the blocks were taken back from an allocator closed for a restart.
	 * @return {@code true} if nothing was reserved anew
	 */
	public boolean isTakenBack() {
		return this.takenBack;
	}

	/**
	 * Tell this allocator that its application context is about to close for a restart
	 * (Spring Boot DevTools publishes a {@code ClassPathChangedEvent} that requires one):
	 * {@link #close()} then keeps every block and single port, with no lease, for the
	 * next allocator created with the same requests and backend, instead of releasing
	 * them. What that allocator does not take back is released at JVM exit.
	 */
	public void restartComing() {
		this.restartComing = true;
	}

	/**
	 * Release every block and every lease taken from them, or keep the blocks for the
	 * next allocator if a {@linkplain #restartComing() restart is coming}. Safe to call
	 * more than once.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		Map<String, PortReservation> all = new LinkedHashMap<>(blocks());
		synchronized (this.blocks) {
			all.putAll(this.spares);
			this.spares.clear();
		}
		if (this.restartComing) {
			RestartKeeper.keep(this.requests, this.backend, all);
			return;
		}
		List<PortReservation> open = new ArrayList<>(all.values());
		Collections.reverse(open);
		RuntimeException failure = closeAll(open, null);
		if (failure != null) {
			throw failure;
		}
	}

	private static @Nullable RuntimeException closeAll(List<PortReservation> blocks,
			@Nullable RuntimeException failure) {
		for (PortReservation block : blocks) {
			try {
				block.close();
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		return failure;
	}

	@Override
	public String toString() {
		return BlockSummary.line(blocks(), false);
	}

}
