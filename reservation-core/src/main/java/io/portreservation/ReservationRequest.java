package io.portreservation;

import java.time.Duration;
import java.util.Objects;

/**
 * What to reserve: a protocol, a first port (or 0 to let the backend choose a free
 * block), a number of ports and a bound on how long acquiring may take.
 *
 * <p>
 * Construction validates every argument, so an invalid request never reaches a backend;
 * each refusal names the argument, the value and the allowed range.
 *
 * @param protocol the protocol of the block
 * @param startPort the first port of the block, or 0 for any free block
 * @param count the number of ports, 1 to 65535
 * @param timeout how long acquiring may take in all, including a search for a free block
 * @param persistent whether to use the persistent reservation an administrator created
 * for exactly these ports instead of reserving at run time (Windows only)
 * @param search where a wildcard block may land (held-socket backend; on Windows the
 * kernel chooses)
 */
public record ReservationRequest(Protocol protocol, int startPort, int count, Duration timeout, boolean persistent,
		WildcardSearch search) {

	/** The highest TCP or UDP port number. */
	public static final int MAX_PORT = 65535;

	/** How long acquiring may take unless a request says otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Validate a request.
	 * @throws InvalidReservationArgumentException if an argument is out of range
	 */
	public ReservationRequest {
		Objects.requireNonNull(protocol, "protocol");
		Objects.requireNonNull(timeout, "timeout");
		Objects.requireNonNull(search, "search");
		if (startPort < 0 || startPort > MAX_PORT) {
			throw new InvalidReservationArgumentException(ReservationArgument.START_PORT, startPort,
					"0 (any free block) or 1.." + MAX_PORT);
		}
		if (count < 1 || count > MAX_PORT) {
			throw new InvalidReservationArgumentException(ReservationArgument.COUNT, count, "1.." + MAX_PORT);
		}
		if (startPort != 0 && (long) startPort + count - 1 > MAX_PORT) {
			throw new InvalidReservationArgumentException(ReservationArgument.COUNT, count,
					"1.." + (MAX_PORT - startPort + 1) + " for a block that starts at port " + startPort
							+ " (its last port must not exceed " + MAX_PORT + ")");
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new InvalidReservationArgumentException(ReservationArgument.TIMEOUT, timeout, "a positive duration");
		}
		if (persistent && startPort == 0) {
			throw new InvalidReservationArgumentException(ReservationArgument.START_PORT, startPort,
					"1.." + MAX_PORT + " for a persistent reservation (only run-time reservations can be wildcards)");
		}
	}

	/**
	 * A request whose wildcard block is searched in {@link WildcardSearch#DEFAULT}.
	 * @param protocol the protocol of the block
	 * @param startPort the first port of the block, or 0 for any free block
	 * @param count the number of ports, 1 to 65535
	 * @param timeout how long acquiring may take in all
	 * @param persistent whether to use an administrator's persistent reservation (Windows
	 * only)
	 */
	public ReservationRequest(Protocol protocol, int startPort, int count, Duration timeout, boolean persistent) {
		this(protocol, startPort, count, timeout, persistent, WildcardSearch.DEFAULT);
	}

	/**
	 * A run-time request.
	 * @param protocol the protocol of the block
	 * @param startPort the first port of the block, or 0 for any free block
	 * @param count the number of ports, 1 to 65535
	 * @param timeout how long acquiring may take in all
	 */
	public ReservationRequest(Protocol protocol, int startPort, int count, Duration timeout) {
		this(protocol, startPort, count, timeout, false);
	}

	/**
	 * A request to use the persistent reservation an administrator created for exactly
	 * these ports (Windows {@code CreatePersistentTcpPortReservation} and its UDP twin).
	 * Only the winsock backend can honour it.
	 * @param protocol the protocol of the block
	 * @param startPort the first port, 1 to 65535
	 * @param count the number of ports
	 * @return the request
	 */
	public static ReservationRequest persistent(Protocol protocol, int startPort, int count) {
		return new ReservationRequest(protocol, startPort, count, DEFAULT_TIMEOUT, true);
	}

	/**
	 * A request for {@code count} ports starting at {@code startPort}, with the default
	 * timeout.
	 * @param protocol the protocol of the block
	 * @param startPort the first port, or 0 for any free block
	 * @param count the number of ports
	 * @return the request
	 */
	public static ReservationRequest of(Protocol protocol, int startPort, int count) {
		return new ReservationRequest(protocol, startPort, count, DEFAULT_TIMEOUT);
	}

	/**
	 * A request for any free block of {@code count} ports, with the default timeout.
	 * @param protocol the protocol of the block
	 * @param count the number of ports
	 * @return the request
	 */
	public static ReservationRequest anyBlock(Protocol protocol, int count) {
		return of(protocol, 0, count);
	}

	/**
	 * This request with another timeout.
	 * @param timeout how long acquiring may take in all
	 * @return a new request
	 */
	public ReservationRequest withTimeout(Duration timeout) {
		return new ReservationRequest(this.protocol, this.startPort, this.count, timeout, this.persistent, this.search);
	}

	/**
	 * This request with another place to search for a wildcard block.
	 * @param search the range searched and the ports skipped
	 * @return a new request
	 */
	public ReservationRequest withSearch(WildcardSearch search) {
		return new ReservationRequest(this.protocol, this.startPort, this.count, this.timeout, this.persistent, search);
	}

	/**
	 * Whether the backend chooses the block.
	 * @return {@code true} when {@link #startPort()} is 0
	 */
	public boolean isWildcard() {
		return this.startPort == 0;
	}

	@Override
	public String toString() {
		String where = isWildcard() ? "any free block" : "ports " + PortRange.text(this.startPort, this.count);
		return this.protocol + " " + where + " of " + this.count + " port(s)"
				+ (this.persistent ? " (persistent)" : "");
	}

}
