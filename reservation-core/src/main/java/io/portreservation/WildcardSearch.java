package io.portreservation;

import java.util.List;

/**
 * Where a wildcard block (start port 0) may land when this library searches for it (the
 * held-socket backend): inside {@link #range()}, never on a port of {@link #skipPorts()},
 * and never inside the kernel's ephemeral range. On Windows the kernel chooses wildcard
 * blocks itself and this is not used.
 *
 * @param range the ports searched
 * @param skipPorts ports a block never covers, such as the default ports of development
 * services that may start later on this machine
 */
public record WildcardSearch(PortRange range, List<PortRange> skipPorts) {

	/**
	 * The default range: above the crowded registered ports (most databases, brokers and
	 * development servers listen below 10000) and below Kubernetes' NodePort range
	 * (30000-32767) and Linux's ephemeral range (32768 and up by default).
	 */
	public static final PortRange DEFAULT_RANGE = new PortRange(10000, 29999);

	/**
	 * The default ports to skip: development services whose documented default port lies
	 * in {@link #DEFAULT_RANGE} (the project's troubleshooting guide names each).
	 */
	public static final List<PortRange> DEFAULT_SKIP_PORTS = List.of(new PortRange(10000, 10002),
			new PortRange(10248, 10259), PortRange.of(11211), PortRange.of(11434), PortRange.of(12201),
			PortRange.of(14250), PortRange.of(14268), PortRange.of(15672), PortRange.of(15692), PortRange.of(16686),
			PortRange.of(18080), PortRange.of(19999), PortRange.of(24224), PortRange.of(25565), PortRange.of(26257),
			new PortRange(27017, 27019), PortRange.of(28015), PortRange.of(29092));

	/** The default search: {@link #DEFAULT_RANGE} without {@link #DEFAULT_SKIP_PORTS}. */
	public static final WildcardSearch DEFAULT = new WildcardSearch(DEFAULT_RANGE, DEFAULT_SKIP_PORTS);

	/**
	 * Validate a search.
	 * @throws NullPointerException if an argument is {@code null}
	 */
	public WildcardSearch {
		skipPorts = List.copyOf(skipPorts);
		if (range == null) {
			throw new NullPointerException("range");
		}
	}

	/**
	 * Whether a port is one to skip.
	 * @param port the port
	 * @return {@code true} if a range of {@link #skipPorts()} contains it
	 */
	public boolean skips(int port) {
		for (PortRange skipped : this.skipPorts) {
			if (skipped.contains(port)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return this.range + (this.skipPorts.isEmpty() ? "" : " skipping " + this.skipPorts);
	}

}
