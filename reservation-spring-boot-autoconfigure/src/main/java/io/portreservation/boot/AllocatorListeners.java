package io.portreservation.boot;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.portreservation.PortReservation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@link PortAllocatorListener listeners} of one allocator, told in order. A listener
 * only observes: its failure is logged and never fails the allocation.
 */
final class AllocatorListeners {

	// The allocator's category: a failing listener is the allocator's to report.
	private static final Log logger = LogFactory.getLog(BlockPortAllocator.class);

	private final List<PortAllocatorListener> listeners;

	AllocatorListeners(List<PortAllocatorListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Tell that a block or single port was acquired.
	 * @param name its name
	 * @param block the reservation
	 * @param startedNanos {@link System#nanoTime()} when acquiring started, or {@code -1}
	 * for a reservation taken back from a restarted allocator, which took no time
	 */
	void acquired(String name, PortReservation block, long startedNanos) {
		Duration took = (startedNanos < 0) ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startedNanos);
		tell((listener) -> listener.blockAcquired(name, block, took));
	}

	void leaseFailed(String blockName, String owner, RuntimeException failure) {
		tell((listener) -> listener.leaseFailed(blockName, owner, failure));
	}

	private void tell(Consumer<PortAllocatorListener> event) {
		for (PortAllocatorListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Port allocator listener " + listener + " failed", ex);
			}
		}
	}

}
