package io.portreservation.boot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.portreservation.Backend;
import io.portreservation.PortReservation;
import io.portreservation.PortReservationException;
import io.portreservation.PortReservations;
import io.portreservation.ReservationRequest;
import io.portreservation.spi.AbstractPortReservation;
import io.portreservation.spi.ShutdownRelease;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What an allocator leaves, once per JVM, for the next allocator of this JVM with the
 * same blocks, so that an application context that is closed and refreshed again comes
 * back on the same ports.
 * <p>
 * Why: Spring Boot DevTools restarts an application by closing its context and starting a
 * new one in the same JVM with the same configuration. Released and reserved again, a
 * wildcard block would land elsewhere and the developer's open browser tab would point at
 * a dead port. Library jars stay in DevTools' base class loader across restarts, so this
 * static state outlives the restarted context. It leaves the next allocator one of two
 * things:
 * <ul>
 * <li>Kept reservations, when the allocator was told a restart is coming
 * ({@link BlockPortAllocator#restartComing()}): they stay held, so nothing can take a
 * port between the two contexts. Their leases are closed (the old servers are gone), and
 * each owner's port is given to the same owner again. What nobody takes back is never
 * leaked: it goes back to the library's JVM shutdown hook ({@link ShutdownRelease}), and
 * it is released at once when an allocator with other blocks starts, which may need those
 * ports.</li>
 * <li>Otherwise, where each wildcard block landed (by block name, request and backend):
 * the block is released at close as usual, and the next allocator asks for exactly those
 * ports first, searching afresh only if another process took one of them in between.</li>
 * </ul>
 */
final class RestartKeeper {

	private static final Log logger = LogFactory.getLog(RestartKeeper.class);

	/**
	 * How long to try for the ports a block landed on: a wait only delays the search that
	 * follows.
	 */
	private static final Duration AGAIN_TIMEOUT = Duration.ofMillis(200);

	private static final Object monitor = new Object();

	private static final Map<Landing, Integer> landings = new ConcurrentHashMap<>();

	private static @Nullable Kept kept;

	private RestartKeeper() {
	}

	/**
	 * Keep the reservations of a closing allocator for the next allocator with the same
	 * blocks. Reservations kept before and not taken back are released.
	 * @param requests the blocks the allocator was created with
	 * @param backend the backend they were requested with
	 * @param reservations every reservation the allocator holds (blocks and single ports)
	 */
	static void keep(Map<String, ReservationRequest> requests, Backend backend,
			Map<String, PortReservation> reservations) {
		for (PortReservation reservation : reservations.values()) {
			if (reservation instanceof AbstractPortReservation held) {
				held.returnLeases();
			}
			ShutdownRelease.releasedAtExit(reservation);
		}
		Kept previous;
		synchronized (monitor) {
			previous = kept;
			kept = new Kept(Map.copyOf(requests), backend, new LinkedHashMap<>(reservations));
		}
		release(previous);
	}

	/**
	 * Take back what a restarted allocator with the same blocks kept.
	 * @param requests the blocks the new allocator is created with
	 * @param backend the backend they are requested with
	 * @return every kept reservation by name (the blocks and the single ports), or
	 * {@code null} if nothing is kept for these blocks
	 */
	static @Nullable Map<String, PortReservation> takeBack(Map<String, ReservationRequest> requests, Backend backend) {
		Kept taken;
		synchronized (monitor) {
			taken = kept;
			kept = null;
		}
		if (taken == null) {
			return null;
		}
		if (!taken.requests.equals(requests) || taken.backend != backend
				|| !taken.reservations.values().stream().allMatch(PortReservation::isValid)) {
			release(taken); // another configuration: it may need these very ports
			return null;
		}
		taken.reservations.values().forEach(ShutdownRelease::releasedByOwner);
		return taken.reservations;
	}

	/**
	 * Reserve a block anew: a wildcard block where the same request of this JVM landed
	 * before if those ports are still free, otherwise as requested; where a wildcard
	 * block lands is remembered for the next allocator.
	 * @param name the block's name
	 * @param request the block's request
	 * @param backend the backend to hold it with
	 * @return the block
	 * @throws PortReservationException if the block cannot be reserved
	 */
	static PortReservation reserve(String name, ReservationRequest request, Backend backend) {
		Landing landing = request.isWildcard() ? new Landing(name, request, backend) : null;
		PortReservation again = (landing != null) ? reserveAgain(landing) : null;
		if (again != null) {
			return again;
		}
		PortReservation block = PortReservations.reserve(request, backend);
		if (landing != null) {
			landings.put(landing, block.firstPort());
		}
		return block;
	}

	private static @Nullable PortReservation reserveAgain(Landing landing) {
		Integer first = landings.get(landing);
		if (first == null) {
			return null;
		}
		ReservationRequest request = landing.request;
		ReservationRequest again = new ReservationRequest(request.protocol(), first, request.count(), AGAIN_TIMEOUT,
				false, request.search());
		try {
			return PortReservations.reserve(again, landing.backend);
		}
		catch (PortReservationException ex) {
			logger.debug("Ports " + BlockSummary.ports(again) + " of block '" + landing.name
					+ "' are no longer free; searching a new block", ex);
			return null;
		}
	}

	private static void release(@Nullable Kept kept) {
		if (kept != null) {
			kept.reservations.values().forEach(PortReservation::close);
		}
	}

	private record Kept(Map<String, ReservationRequest> requests, Backend backend,
			Map<String, PortReservation> reservations) {
	}

	private record Landing(String name, ReservationRequest request, Backend backend) {
	}

}
