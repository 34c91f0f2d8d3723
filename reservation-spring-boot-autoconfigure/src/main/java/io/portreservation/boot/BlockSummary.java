package io.portreservation.boot;

import java.util.Map;
import java.util.StringJoiner;

import io.portreservation.PortRange;
import io.portreservation.PortReservation;
import io.portreservation.ReservationRequest;

/**
 * How the starter writes blocks in its log lines, messages and actuator output: a block's
 * ports as a {@link PortRange} ({@code 28249-28264}, or {@code 8080} for a single port),
 * and every block of an allocator on one summary line.
 */
public final class BlockSummary {

	private BlockSummary() {
	}

	/**
	 * The ports a block holds.
	 * @param block the block
	 * @return its first to its last port
	 */
	public static PortRange ports(PortReservation block) {
		return new PortRange(block.firstPort(), block.lastPort());
	}

	/**
	 * The ports a fixed request asks for.
	 * @param request a request with a start port (not a wildcard)
	 * @return its start port and the {@code count - 1} ports after it
	 * @throws IllegalArgumentException for a wildcard request, whose ports are not known
	 */
	public static PortRange ports(ReservationRequest request) {
		return new PortRange(request.startPort(), request.startPort() + request.count() - 1);
	}

	/**
	 * Every block on one line, in order: name, protocol, ports and backend, such as
	 * {@code default TCP 28249-28264 (held-socket); echo UDP 28215-28218 (held-socket)}.
	 * @param blocks the blocks by name
	 * @param showToken whether to add each block's reservation token (in hex)
	 * @return the line
	 */
	public static String line(Map<String, PortReservation> blocks, boolean showToken) {
		StringJoiner line = new StringJoiner("; ");
		blocks.forEach((name, block) -> {
			String token = showToken ? ", token " + Long.toHexString(block.token()) : "";
			line.add(name + " " + block.protocol() + " " + ports(block) + " (" + block.backend().id() + token + ")");
		});
		return line.toString();
	}

}
