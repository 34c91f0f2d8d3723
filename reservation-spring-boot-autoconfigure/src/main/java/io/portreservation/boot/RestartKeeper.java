package io.portreservation.boot;

import java.util.LinkedHashMap;
import java.util.Map;

import io.portreservation.Backend;
import io.portreservation.PortReservation;
import io.portreservation.ReservationRequest;
import io.portreservation.spi.AbstractPortReservation;
import io.portreservation.spi.ShutdownRelease;
import org.jspecify.annotations.Nullable;

/**
 * Holds, once per JVM, the reservations of an allocator whose application context closes
 * for a restart, until the allocator of the next context takes them back.
 * <p>Why: Spring Boot DevTools restarts an application by closing its context and
 * starting a new one in the same JVM with the same configuration. Released and reserved
 * again, a wildcard block would land elsewhere and the developer's open browser tab would
 * point at a dead port. Library jars stay in DevTools' base class loader across restarts,
 * so this static state outlives the restarted context. Kept reservations stay held: their
 * leases are closed (the old servers are gone), and each owner's port is given to the same
 * owner again. What nobody takes back is never leaked: it goes back to the library's JVM
 * shutdown hook ({@link ShutdownRelease}), and it is released at once when an allocator
 * with other blocks starts, which may need those ports.
 */
final class RestartKeeper {

	private static final Object monitor = new Object();

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
	static @Nullable Map<String, PortReservation> takeBack(Map<String, ReservationRequest> requests,
			Backend backend) {
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

	private static void release(@Nullable Kept kept) {
		if (kept != null) {
			kept.reservations.values().forEach(PortReservation::close);
		}
	}

	private record Kept(Map<String, ReservationRequest> requests, Backend backend,
			Map<String, PortReservation> reservations) {
	}

}
