package io.portreservation.boot.diagnostics;

import io.portreservation.PortRange;
import io.portreservation.ReservationRequest;

/**
 * Two configured blocks of one application share ports: the application would hold them
 * twice, so the second block could never be reserved. Refused before anything is
 * reserved.
 */
public class OverlappingBlocksException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String firstBlock;

	private final transient ReservationRequest firstRequest;

	private final String secondBlock;

	private final transient ReservationRequest secondRequest;

	private final transient PortRange overlap;

	/**
	 * Create an exception.
	 * @param firstBlock the first block's name
	 * @param firstRequest what it asks for
	 * @param secondBlock the second block's name
	 * @param secondRequest what it asks for
	 * @param overlap the ports both ask for
	 */
	public OverlappingBlocksException(String firstBlock, ReservationRequest firstRequest, String secondBlock,
			ReservationRequest secondRequest, PortRange overlap) {
		super("The port blocks '" + firstBlock + "' (" + firstRequest + ") and '" + secondBlock + "' (" + secondRequest
				+ ") overlap on ports " + overlap);
		this.firstBlock = firstBlock;
		this.firstRequest = firstRequest;
		this.secondBlock = secondBlock;
		this.secondRequest = secondRequest;
		this.overlap = overlap;
	}

	/**
	 * The first block's name.
	 * @return the name
	 */
	public String getFirstBlock() {
		return this.firstBlock;
	}

	/**
	 * What the first block asks for.
	 * @return the request
	 */
	public ReservationRequest getFirstRequest() {
		return this.firstRequest;
	}

	/**
	 * The second block's name.
	 * @return the name
	 */
	public String getSecondBlock() {
		return this.secondBlock;
	}

	/**
	 * What the second block asks for.
	 * @return the request
	 */
	public ReservationRequest getSecondRequest() {
		return this.secondRequest;
	}

	/**
	 * The ports both blocks ask for.
	 * @return the ports
	 */
	public PortRange getOverlap() {
		return this.overlap;
	}

}
