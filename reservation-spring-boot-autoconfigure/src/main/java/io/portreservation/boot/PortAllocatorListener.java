package io.portreservation.boot;

import java.time.Duration;

import io.portreservation.PortReservation;

/**
 * Told what a {@link PortAllocator} does, so that metrics and diagnostics can follow the
 * allocator without wrapping it. The auto-configured allocator calls every bean of this
 * type, in order; an allocator of one's own calls them if it wants them told.
 *
 * <p>
 * Callbacks run on the thread that acquired or leased and must return quickly; an
 * exception thrown by a listener is logged and does not fail the allocation. The
 * allocator is created with its listeners, so a listener bean must not take the
 * {@code PortAllocator} as a constructor argument: look it up lazily (an
 * {@code ObjectProvider}), as the actuator's {@code PortReservationMetrics} does.
 */
public interface PortAllocatorListener {

	/**
	 * A block was acquired.
	 * @param blockName the block's name, such as {@link PortAllocator#DEFAULT_BLOCK}
	 * @param block the acquired block
	 * @param duration how long acquiring took, including any search for a free block
	 */
	default void blockAcquired(String blockName, PortReservation block, Duration duration) {
	}

	/**
	 * A lease asked of a block was refused: the block is exhausted, the port asked for is
	 * leased already, or the block has been released.
	 * @param blockName the block's name
	 * @param owner the owner the lease was asked for
	 * @param failure why it was refused
	 */
	default void leaseFailed(String blockName, String owner, RuntimeException failure) {
	}

}
