package io.portreservation.windows;

import java.util.concurrent.atomic.AtomicBoolean;

import io.portreservation.PortRange;
import io.portreservation.Protocol;
import io.portreservation.windows.jna.WinsockException;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One protocol's reservation: its token and, for a runtime reservation, the socket it
 * lives on. Releasing is idempotent and safe from any thread: the socket is closed
 * exactly once, so no call ever reaches a handle number Windows has reused.
 */
final class ReservedBlock {

	private static final Logger logger = LoggerFactory.getLogger(ReservedBlock.class);

	private final Protocol protocol;

	private final int firstPort;

	private final int count;

	private final long token;

	private final @Nullable SOCKET socket;

	private final AtomicBoolean closed;

	private final int family;

	/**
	 * A runtime reservation living on {@code socket}.
	 * @param closed shared with the acquisition that may already have closed the socket
	 */
	ReservedBlock(Protocol protocol, int firstPort, int count, long token, @Nullable SOCKET socket,
			AtomicBoolean closed, int family) {
		this.protocol = protocol;
		this.firstPort = firstPort;
		this.count = count;
		this.token = token;
		this.socket = socket;
		this.closed = closed;
		this.family = family;
	}

	/**
	 * An administrator's persistent reservation: nothing to close, never deleted by us.
	 */
	static ReservedBlock persistent(Protocol protocol, int firstPort, int count, long token) {
		return new ReservedBlock(protocol, firstPort, count, token, null, new AtomicBoolean(), 0);
	}

	Protocol protocol() {
		return this.protocol;
	}

	int firstPort() {
		return this.firstPort;
	}

	int count() {
		return this.count;
	}

	long token() {
		return this.token;
	}

	/**
	 * The address family of the socket the block was acquired on, 0 for a persistent
	 * reservation (which no socket of ours acquired).
	 */
	int family() {
		return this.family;
	}

	boolean isPersistent() {
		return this.socket == null;
	}

	boolean isHeld() {
		return !this.closed.get();
	}

	String describe() {
		return PortRange.describe(this.protocol, this.firstPort, this.count) + (isPersistent() ? " (persistent)" : "");
	}

	/**
	 * SIO_RELEASE_PORT_RESERVATION, then close the socket; closing alone would release it
	 * too.
	 */
	void release(Winsock winsock) {
		SOCKET socket = this.socket;
		if (!this.closed.compareAndSet(false, true) || socket == null) {
			return;
		}
		try {
			winsock.release(socket, this.token, describe());
		}
		catch (WinsockException ex) {
			logger.warn("{}; closing the reservation's socket releases the block anyway", ex.getMessage());
		}
		finally {
			winsock.close(socket);
		}
	}

}
