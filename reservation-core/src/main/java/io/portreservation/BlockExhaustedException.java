package io.portreservation;

/**
 * Every port of a block is already leased.
 */
public class BlockExhaustedException extends PortReservationException {

	private static final long serialVersionUID = 1L;

	private final int firstPort;

	private final int count;

	/**
	 * Create an exception.
	 * @param protocol the block's protocol
	 * @param firstPort the block's first port
	 * @param count the block's size
	 */
	public BlockExhaustedException(Protocol protocol, int firstPort, int count) {
		super("All " + count + " port(s) of the " + protocol + " block " + PortRange.text(firstPort, count)
				+ " are leased; close a lease or reserve a larger block");
		this.firstPort = firstPort;
		this.count = count;
	}

	/**
	 * The first port of the exhausted block.
	 * @return the first port
	 */
	public int getFirstPort() {
		return this.firstPort;
	}

	/**
	 * The size of the exhausted block.
	 * @return the number of ports
	 */
	public int getCount() {
		return this.count;
	}

}
