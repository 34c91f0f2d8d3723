package io.portreservation.heldsocket;

import java.util.function.IntPredicate;

import io.portreservation.Protocol;
import org.jspecify.annotations.Nullable;

/**
 * The holders of one block: TCP, UDP, or both on the same port numbers.
 */
final class HeldBlock {

	private final SocketCalls calls;

	private final int firstPort;

	private final int count;

	private final @Nullable HeldSockets tcp;

	private final @Nullable HeldSockets udp;

	private int failedPort = -1;

	private Protocol failedProtocol = Protocol.TCP;

	HeldBlock(SocketCalls calls, Protocol protocol, int firstPort, int count) {
		this.calls = calls;
		this.firstPort = firstPort;
		this.count = count;
		this.tcp = protocol.includesTcp() ? new HeldSockets(calls, true, firstPort, count) : null;
		this.udp = protocol.includesUdp() ? new HeldSockets(calls, false, firstPort, count) : null;
	}

	/**
	 * Hold the block port by port (TCP, then UDP, on each port), stopping at the first
	 * failure; the caller then reads {@link #failedPort()} and closes the block.
	 * @param onlyTimeWait whether a refused TCP port is held by {@code TIME_WAIT} entries
	 * only
	 * @return 0 when every port is held, else the {@code errno} of the failure
	 */
	int holdAll(IntPredicate onlyTimeWait) {
		for (int i = 0; i < this.count; i++) {
			int errno = (this.tcp != null) ? this.tcp.holdNext(onlyTimeWait) : 0;
			this.failedProtocol = Protocol.TCP;
			if (errno == 0 && this.udp != null) {
				errno = this.udp.holdNext(onlyTimeWait);
				this.failedProtocol = Protocol.UDP;
			}
			if (errno != 0) {
				this.failedPort = this.firstPort + i;
				return errno;
			}
		}
		return 0;
	}

	int failedPort() {
		return this.failedPort;
	}

	/**
	 * The protocol whose holder failed on {@link #failedPort()}.
	 * @return {@link Protocol#TCP} or {@link Protocol#UDP}
	 */
	Protocol failedProtocol() {
		return this.failedProtocol;
	}

	SocketCalls calls() {
		return this.calls;
	}

	int firstPort() {
		return this.firstPort;
	}

	int count() {
		return this.count;
	}

	HeldSockets tcp() {
		if (this.tcp == null) {
			throw new IllegalStateException("Not a TCP block");
		}
		return this.tcp;
	}

	HeldSockets udp() {
		if (this.udp == null) {
			throw new IllegalStateException("Not a UDP block");
		}
		return this.udp;
	}

	void close() {
		if (this.tcp != null) {
			this.tcp.closeAll();
		}
		if (this.udp != null) {
			this.udp.closeAll();
		}
	}

}
