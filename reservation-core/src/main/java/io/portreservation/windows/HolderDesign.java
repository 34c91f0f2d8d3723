package io.portreservation.windows;

import java.util.Locale;

/**
 * What a runtime reservation lives on. Which of the two keeps other processes out on
 * Windows is not yet measured (the Windows workflow measures both), so both are behind
 * the same API and the JVM system property {@value #PROPERTY} chooses.
 */
enum HolderDesign {

	/**
	 * The default: the block is acquired on a socket of its own that is never bound; the
	 * leased channels are associated with its token.
	 */
	UNBOUND,

	/**
	 * The acquiring socket is itself associated with its token and bound inside its
	 * reservation, as msquic holds its reservations. That costs one port: the block is
	 * acquired one port longer and the holder binds that last port, which is never
	 * leased.
	 */
	BOUND;

	/**
	 * The JVM system property that chooses: {@code unbound} (default) or {@code bound}.
	 */
	static final String PROPERTY = "io.portreservation.winsock.holder";

	/**
	 * The design this JVM asks for.
	 * @return the design
	 * @throws IllegalArgumentException naming the property and its values if it has
	 * another value
	 */
	static HolderDesign current() {
		String value = System.getProperty(PROPERTY, "unbound").trim();
		for (HolderDesign design : values()) {
			if (design.name().equalsIgnoreCase(value)) {
				return design;
			}
		}
		throw new IllegalArgumentException("The system property " + PROPERTY + " is '" + value
				+ "'; it must be 'unbound' (the default) or 'bound'");
	}

	/** Ports acquired beyond the requested block, for the holder itself. */
	int extraPorts() {
		return (this == BOUND) ? 1 : 0;
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
