package io.portreservation;

/**
 * A range of port numbers, both ends included, written {@code 27017-27019} (or
 * {@code 11211} for one port).
 *
 * @param first the first port, 1 to 65535
 * @param last the last port, {@code first} to 65535
 */
public record PortRange(int first, int last) implements Comparable<PortRange> {

	/**
	 * Validate a range.
	 * @throws IllegalArgumentException if a port is out of 1..65535 or the range is
	 * reversed
	 */
	public PortRange {
		if (first < 1 || last > ReservationRequest.MAX_PORT || first > last) {
			throw new IllegalArgumentException(
					"a range of ports within 1.." + ReservationRequest.MAX_PORT + ", first port first");
		}
	}

	/**
	 * One port.
	 * @param port the port
	 * @return the range holding only {@code port}
	 */
	public static PortRange of(int port) {
		return new PortRange(port, port);
	}

	/**
	 * The ports of a block.
	 * @param firstPort the block's first port
	 * @param count the number of ports, at least 1
	 * @return the range {@code firstPort} to {@code firstPort + count - 1}
	 * @throws IllegalArgumentException if the block runs outside 1..65535
	 */
	public static PortRange ofBlock(int firstPort, int count) {
		return new PortRange(firstPort, firstPort + count - 1);
	}

	/**
	 * Read a range written {@code first-last} or a single port.
	 * @param text such as {@code 10000-29999}
	 * @return the range
	 * @throws IllegalArgumentException if the text is not a range within 1..65535
	 */
	public static PortRange parse(String text) {
		String trimmed = text.trim();
		int dash = trimmed.indexOf('-', 1);
		try {
			if (dash < 0) {
				return of(Integer.parseInt(trimmed));
			}
			return new PortRange(Integer.parseInt(trimmed.substring(0, dash).trim()),
					Integer.parseInt(trimmed.substring(dash + 1).trim()));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("a port such as 11211 or a range such as 27017-27019", ex);
		}
	}

	/**
	 * The number of ports.
	 * @return {@code last - first + 1}
	 */
	public int size() {
		return this.last - this.first + 1;
	}

	/**
	 * Whether a port lies in this range.
	 * @param port the port
	 * @return {@code true} if {@code first <= port <= last}
	 */
	public boolean contains(int port) {
		return port >= this.first && port <= this.last;
	}

	/**
	 * Whether this range and another share a port.
	 * @param other the other range
	 * @return {@code true} if they overlap
	 */
	public boolean overlaps(PortRange other) {
		return this.first <= other.last && other.first <= this.last;
	}

	/**
	 * The range as messages name a block: {@code 10000-10019}, both ends written even for
	 * one port ({@code 11211-11211}), so a block never reads like a single port.
	 * @return {@code first-last}
	 */
	public String text() {
		return text(this.first, this.size());
	}

	/**
	 * The text of {@link #text()} for a block given by its first port and size, without
	 * validating it: a message may have to name a block Windows or the kernel refused for
	 * running past 65535.
	 * @param firstPort the block's first port
	 * @param count the number of ports
	 * @return {@code first-last}
	 */
	public static String text(int firstPort, int count) {
		return firstPort + "-" + (firstPort + count - 1);
	}

	/**
	 * The one-line summary of a block, such as {@code TCP 10000-10019}.
	 * @param protocol the block's protocol
	 * @return the protocol and {@link #text()}
	 */
	public String describe(Protocol protocol) {
		return describe(protocol, this.first, size());
	}

	/**
	 * The summary of {@link #describe(Protocol)} for a block given by its first port and
	 * size, without validating it.
	 * @param protocol the block's protocol
	 * @param firstPort the block's first port
	 * @param count the number of ports
	 * @return such as {@code TCP 10000-10019}
	 */
	public static String describe(Protocol protocol, int firstPort, int count) {
		return protocol + " " + text(firstPort, count);
	}

	@Override
	public int compareTo(PortRange other) {
		return (this.first != other.first) ? Integer.compare(this.first, other.first)
				: Integer.compare(this.last, other.last);
	}

	@Override
	public String toString() {
		return (this.first == this.last) ? String.valueOf(this.first) : text();
	}

}
