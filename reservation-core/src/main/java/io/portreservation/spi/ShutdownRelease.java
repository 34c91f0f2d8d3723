package io.portreservation.spi;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Releases every open reservation when the JVM shuts down, so a block is given back
 * explicitly (on Windows, {@code SIO_RELEASE_PORT_RESERVATION}) rather than only by the
 * process's exit. Also owns the one Cleaner that watches leases.
 */
final class ShutdownRelease {

	static final Cleaner CLEANER = Cleaner.create();

	private static final Set<AbstractPortReservation> OPEN = ConcurrentHashMap.newKeySet();

	private static volatile boolean hookInstalled;

	private ShutdownRelease() {
	}

	static void register(AbstractPortReservation reservation) {
		installHook();
		OPEN.add(reservation);
	}

	static void unregister(AbstractPortReservation reservation) {
		OPEN.remove(reservation);
	}

	private static void installHook() {
		if (hookInstalled) {
			return;
		}
		synchronized (ShutdownRelease.class) {
			if (!hookInstalled) {
				try {
					Runtime.getRuntime().addShutdownHook(new Thread(ShutdownRelease::releaseAll, "port-reservation-release"));
				}
				catch (IllegalStateException ex) {
					// already shutting down: the process's exit releases everything
				}
				hookInstalled = true;
			}
		}
	}

	private static void releaseAll() {
		List<AbstractPortReservation> open = new ArrayList<>(OPEN);
		for (AbstractPortReservation reservation : open) {
			try {
				reservation.close();
			}
			catch (RuntimeException ex) {
				// keep releasing the others; the process's exit frees the rest
			}
		}
	}

}
