package io.portreservation.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.portreservation.Backend;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservationException;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.boot.diagnostics.BlockReservationException;
import io.portreservation.spi.ShutdownRelease;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.PortInUseException;

/**
 * A {@link PortAllocator} over blocks it reserves itself and releases on {@link #close()}.
 * Either every block is reserved or none is: when one fails, those already held are
 * released before the failure is thrown. Besides the configured blocks it holds the single
 * ports of servers with a fixed port outside every block ({@link #reservePort}), named by
 * their property.
 */
public final class BlockPortAllocator implements PortAllocator, AutoCloseable {

	private static final Log logger = LogFactory.getLog(BlockPortAllocator.class);

	private static final Duration AGAIN_TIMEOUT = Duration.ofMillis(200);

	/** Where each wildcard request of this JVM landed last, by block name and request. */
	private static final Map<Landing, Integer> LANDED = new ConcurrentHashMap<>();

	private final Map<String, PortReservation> blocks;

	private final List<PortAllocatorListener> listeners;

	private final Backend backend;

	private final Map<String, ReservationRequest> requests;

	/** Single ports a restarted allocator kept and this one has not asked for (yet). */
	private final Map<String, PortReservation> spares;

	private final boolean takenBack;

	private volatile boolean restartComing;

	private volatile boolean closed;

	private BlockPortAllocator(Map<String, PortReservation> blocks, List<PortAllocatorListener> listeners,
			Backend backend, Map<String, ReservationRequest> requests, Map<String, PortReservation> spares,
			boolean takenBack) {
		this.blocks = Collections.synchronizedMap(blocks);
		this.listeners = listeners;
		this.backend = backend;
		this.requests = Map.copyOf(requests);
		this.spares = spares;
		this.takenBack = takenBack;
	}

	/**
	 * Reserve blocks, or take back those an allocator with the same requests and backend
	 * kept when its context closed for a restart ({@link #restartComing()}).
	 * @param requests the blocks by name, the default block first
	 * @param backend the backend to hold them with
	 * @param listeners told of each block acquired and each lease refused
	 * @return an allocator holding every block
	 * @throws BlockReservationException naming the block that could not be reserved
	 */
	public static BlockPortAllocator reserve(Map<String, ReservationRequest> requests, Backend backend,
			List<PortAllocatorListener> listeners) {
		Map<String, PortReservation> kept = RestartKeeper.takeBack(requests, backend);
		if (kept != null) {
			return takeBack(kept, requests, backend, listeners);
		}
		Map<String, PortReservation> blocks = new LinkedHashMap<>();
		try {
			requests.forEach((name, request) -> {
				long started = System.nanoTime();
				PortReservation block = reserve(name, request, backend);
				blocks.put(name, block);
				// Released by close(), which the application context calls after its servers
				// stopped; the library's JVM hook would release it under them.
				ShutdownRelease.releasedByOwner(block);
				Duration took = Duration.ofNanos(System.nanoTime() - started);
				tell(listeners, (listener) -> listener.blockAcquired(name, block, took));
			});
		}
		catch (RuntimeException ex) {
			closeAll(new ArrayList<>(blocks.values()), ex);
			throw ex;
		}
		return new BlockPortAllocator(blocks, List.copyOf(listeners), backend, requests, new LinkedHashMap<>(),
				false);
	}

	private static BlockPortAllocator takeBack(Map<String, PortReservation> kept,
			Map<String, ReservationRequest> requests, Backend backend, List<PortAllocatorListener> listeners) {
		Map<String, PortReservation> blocks = new LinkedHashMap<>();
		requests.keySet().forEach((name) -> blocks.put(name, kept.remove(name)));
		blocks.forEach((name, block) -> tell(listeners, (listener) -> listener.blockAcquired(name, block, Duration.ZERO)));
		return new BlockPortAllocator(blocks, List.copyOf(listeners), backend, requests, kept, true);
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
			if (held != null && held.firstPort() == port && held.count() == 1) {
				return held;
			}
			if (held != null) {
				throw new IllegalStateException("A port block is named '" + name + "' already: " + held);
			}
			long started = System.nanoTime();
			PortReservation single = this.spares.remove(name);
			if (single != null && (single.firstPort() != port || single.count() != 1)) {
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
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			PortReservation acquired = single;
			tell(this.listeners, (listener) -> listener.blockAcquired(name, acquired, took));
			return acquired;
		}
	}

	private static PortReservation reserve(String name, ReservationRequest request, Backend backend) {
		PortReservation again = reserveAgain(name, request, backend);
		if (again != null) {
			return again;
		}
		try {
			PortReservation block = PortReservations.reserve(request, backend);
			if (request.isWildcard()) {
				LANDED.put(new Landing(name, request, backend), block.firstPort());
			}
			return block;
		}
		catch (PortReservationException ex) {
			throw new BlockReservationException(name, request, ex);
		}
	}

	/**
	 * Reserve a wildcard block where the same request of this JVM landed before, if those
	 * ports are still free. A DevTools restart closes the context and refreshes a new one
	 * with the same configuration in the same JVM: its servers then come back on the same
	 * ports, and the browser tab the developer has open keeps working. The block itself
	 * is released at every close as usual (nothing is held between contexts, so every
	 * port is free after a close and at JVM exit); when another process took a port in
	 * between, the block is searched afresh.
	 */
	private static @Nullable PortReservation reserveAgain(String name, ReservationRequest request, Backend backend) {
		Integer first = request.isWildcard() ? LANDED.get(new Landing(name, request, backend)) : null;
		if (first == null) {
			return null;
		}
		try {
			// A short try: a wait would only delay the search that follows a failure.
			return PortReservations.reserve(new ReservationRequest(request.protocol(), first, request.count(),
					AGAIN_TIMEOUT, false, request.search()), backend);
		}
		catch (PortReservationException ex) {
			logger.debug("Ports " + first + "-" + (first + request.count() - 1) + " of block '" + name
					+ "' are no longer free; searching a new block", ex);
			return null;
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
		PortReservation block = block(blockName);
		try {
			return block.lease(owner);
		}
		catch (RuntimeException ex) {
			tell(this.listeners, (listener) -> listener.leaseFailed(blockName, owner, ex));
			throw ex;
		}
	}

	@Override
	public PortLease lease(String blockName, int port, String owner) {
		PortReservation block = block(blockName);
		try {
			return block.lease(port, owner);
		}
		catch (RuntimeException ex) {
			tell(this.listeners, (listener) -> listener.leaseFailed(blockName, owner, ex));
			throw ex;
		}
	}

	private static void tell(List<PortAllocatorListener> listeners, Consumer<PortAllocatorListener> event) {
		for (PortAllocatorListener listener : listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				// A listener only observes; its failure must not fail the allocation.
				logger.warn("Port allocator listener " + listener + " failed", ex);
			}
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
	 * Release every block and every lease taken from them, or keep the blocks for the next
	 * allocator if a {@linkplain #restartComing() restart is coming}. Safe to call more
	 * than once.
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
		StringBuilder description = new StringBuilder();
		blocks().forEach((name, block) -> {
			if (!description.isEmpty()) {
				description.append(", ");
			}
			description.append(name).append(' ').append(block.protocol()).append(' ').append(block.firstPort())
				.append('-').append(block.lastPort()).append(" (").append(block.backend().id()).append(')');
		});
		return description.toString();
	}

	private record Landing(String name, ReservationRequest request, Backend backend) {
	}

}
