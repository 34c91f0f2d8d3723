package io.portreservation.boot.autoconfigure;

import io.portreservation.boot.BlockPortAllocator;
import io.portreservation.boot.BlockSummary;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one INFO line a started allocator writes: how long reserving took and every block,
 * such as {@code Reserved port blocks in 61 ms: default TCP 28249-28264 (held-socket)}.
 */
final class ReservationStartupLog {

	// The category users know the line by (and set levels for): the auto-configuration's.
	private static final Log logger = LogFactory.getLog(PortReservationAutoConfiguration.class);

	private ReservationStartupLog() {
	}

	/**
	 * Log the line.
	 * @param allocator the allocator, holding its blocks
	 * @param startedNanos {@link System#nanoTime()} when reserving started
	 * @param showToken whether to show each block's reservation token
	 */
	static void reserved(BlockPortAllocator allocator, long startedNanos, boolean showToken) {
		long millis = (System.nanoTime() - startedNanos) / 1_000_000;
		String verb = allocator.isTakenBack() ? "Kept port blocks across the restart" : "Reserved port blocks";
		logger.info(verb + " in " + millis + " ms: " + BlockSummary.line(allocator.blocks(), showToken));
	}

}
