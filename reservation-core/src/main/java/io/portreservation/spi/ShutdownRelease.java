package io.portreservation.spi;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.portreservation.PortReservation;

/**
 * Releases every open reservation that no owner releases itself when the JVM shuts down,
 * so a block is given back explicitly (on Windows, {@code SIO_RELEASE_PORT_RESERVATION})
 * rather than only by the process's exit. Also owns the one Cleaner that watches leases.
 * <p>
 * An owner with an ordered shutdown of its own (a Spring application context, which stops
 * its servers and finishes graceful shutdown before it releases its blocks) takes its
 * reservations out of this hook with {@link #releasedByOwner}: the hook runs in parallel
 * with the other shutdown hooks, and would otherwise release a block under servers that
 * still serve on it.
 */
public final class ShutdownRelease {

	private static final Set<AbstractPortReservation> OPEN = ConcurrentHashMap.newKeySet();

	private static volatile boolean hookInstalled;

	private ShutdownRelease() {
	}

	static void unregister(AbstractPortReservation reservation) {
		OPEN.remove(reservation);
	}

	/**
	 * Leave a reservation to its owner: the JVM shutdown hook no longer releases it, the
	 * owner must (or the process's exit does).
	 * @param reservation a reservation of this library
	 */
	public static void releasedByOwner(PortReservation reservation) {
		if (reservation instanceof AbstractPortReservation owned) {
			OPEN.remove(owned);
		}
	}

	/**
	 * Have the JVM shutdown hook release a reservation unless an owner takes it out
	 * ({@link #releasedByOwner}) or closes it first. The entry point that builds a
	 * reservation calls it once the reservation is whole (never its constructor, which
	 * would hand the hook an object whose subclass fields are not yet set); an owner that
	 * took a reservation out calls it to give it back when it hands the reservation on
	 * (to the next application context of a restart).
	 * @param reservation a reservation of this library
	 */
	public static void releasedAtExit(PortReservation reservation) {
		if (reservation instanceof AbstractPortReservation owned && owned.isValid()) {
			installHook();
			OPEN.add(owned);
		}
	}

	private static void installHook() {
		if (hookInstalled) {
			return;
		}
		synchronized (ShutdownRelease.class) {
			if (!hookInstalled) {
				try {
					Runtime.getRuntime().addShutdownHook(new Thread(new ReleaseAll(), "port-reservation-release"));
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

	/**
	 * The Cleaner that watches leases, started with the first lease: a reservation that
	 * leases nothing starts no thread.
	 * @return the cleaner
	 */
	static Cleaner cleaner() {
		return LeaseCleaner.INSTANCE;
	}

	/**
	 * The hook's task: a class rather than a method reference, so that a fresh JVM's
	 * first reservation does not start the JVM's lambda machinery for it.
	 */
	private static final class ReleaseAll implements Runnable {

		@Override
		public void run() {
			releaseAll();
		}

	}

	private static final class LeaseCleaner {

		static final Cleaner INSTANCE = Cleaner.create();

	}

}
