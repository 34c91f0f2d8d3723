package io.portreservation.boot.diagnostics;

import io.portreservation.PortReservationException;
import io.portreservation.ReservationRequest;
import io.portreservation.boot.PortAllocator;
import org.jspecify.annotations.Nullable;

/**
 * A configured block could not be reserved at startup. Carries the block's name, so the
 * analyzer can name the properties to change, and the request that failed; the cause is
 * the core library's exception.
 */
public class BlockReservationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String blockName;

	private final transient @Nullable ReservationRequest request;

	private final PortReservationException reservationCause;

	/**
	 * Create an exception.
	 * @param blockName the block's name, {@link PortAllocator#DEFAULT_BLOCK} for the
	 * default block
	 * @param request the request that failed, or {@code null} if the configuration did
	 * not make a valid request
	 * @param cause the failure
	 */
	public BlockReservationException(String blockName, @Nullable ReservationRequest request,
			PortReservationException cause) {
		super("Could not reserve the port block '" + blockName + "'" + ((request != null) ? " (" + request + ")" : "")
				+ ": " + cause.getMessage(), cause);
		this.blockName = blockName;
		this.request = request;
		this.reservationCause = cause;
	}

	/**
	 * The block's name.
	 * @return the name
	 */
	public String getBlockName() {
		return this.blockName;
	}

	/**
	 * The request that failed.
	 * @return the request, or {@code null} if the configuration made none
	 */
	public @Nullable ReservationRequest getRequest() {
		return this.request;
	}

	@Override
	public synchronized PortReservationException getCause() {
		return this.reservationCause;
	}

}
