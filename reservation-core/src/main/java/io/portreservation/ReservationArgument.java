package io.portreservation;

/**
 * The arguments a caller gives the library, named in words so that a message never shows
 * a Java parameter name. An integration (such as the Spring Boot starter) maps each to
 * the setting its users know, such as a configuration property.
 */
public enum ReservationArgument {

	/** The protocol of a block. */
	PROTOCOL("protocol"),

	/** The first port of a block, 0 for any free block. */
	START_PORT("first port"),

	/** The number of ports of a block. */
	COUNT("number of ports"),

	/** The bound on acquiring a block. */
	TIMEOUT("timeout"),

	/** The ports a wildcard block is searched in. */
	SEARCH_RANGE("search range"),

	/** The ports a wildcard block never covers. */
	SKIP_PORTS("ports to skip"),

	/** The mechanism that holds the blocks. */
	BACKEND("backend"),

	/** A port asked of a reserved block. */
	PORT("port");

	private final String description;

	ReservationArgument(String description) {
		this.description = description;
	}

	/**
	 * The argument in words, such as {@code first port}.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	@Override
	public String toString() {
		return this.description;
	}

}
