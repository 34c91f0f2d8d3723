package io.portreservation.heldsocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that a server closed a TCP channel handed over by {@link HolderHandOff} without
 * telling its lease, and has the holder stop listening, so connects are refused again
 * within milliseconds rather than queue where nobody accepts. Servers started by the
 * library tell the lease at once ({@code PortLease#closeChannels()}); this covers callers
 * that just close the channel. One daemon thread, asking {@code isOpen()} every
 * {@value #PERIOD_MILLIS} ms, alive only while such a channel is open.
 */
final class CloseWatch {

	/**
	 * Looked up when something is logged: a reservation that logs nothing never
	 * initializes the logging.
	 */
	private static Logger logger() {
		return LoggerFactory.getLogger(CloseWatch.class);
	}

	private static final long PERIOD_MILLIS = 10;

	private static final Set<HeldSocketReservation> watched = ConcurrentHashMap.newKeySet();

	private static @Nullable Thread thread;

	private CloseWatch() {
	}

	/**
	 * Watch the channels a reservation handed over until all are closed.
	 * @param reservation a reservation that just handed a TCP channel over
	 */
	static synchronized void watch(HeldSocketReservation reservation) {
		watched.add(reservation);
		if (thread == null) {
			Thread watcher = new Thread(CloseWatch::run, "port-reservation-close-watch");
			watcher.setDaemon(true);
			thread = watcher;
			watcher.start();
		}
	}

	private static void run() {
		while (true) {
			try {
				Thread.sleep(PERIOD_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			watched.removeIf(CloseWatch::allClosed);
			synchronized (CloseWatch.class) {
				if (watched.isEmpty() || Thread.currentThread().isInterrupted()) {
					thread = null;
					return;
				}
			}
		}
	}

	private static boolean allClosed(HeldSocketReservation reservation) {
		try {
			return !reservation.sweepClosedServers();
		}
		catch (RuntimeException ex) {
			logger().warn("Could not stop the holder of a closed server's port listening in {}", reservation, ex);
			return true;
		}
	}

}
