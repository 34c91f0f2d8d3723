package io.portreservation.boot.diagnostics;

/**
 * Holding the configured blocks would leave the process too few file descriptors: each
 * held port is a socket (two for a TCP-UDP port), and the application needs descriptors
 * of its own for jars, logs and connections. Refused before anything is reserved.
 */
public class DescriptorLimitException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long limit;

	private final long open;

	private final long needed;

	private final long margin;

	private final String blocks;

	/**
	 * Create an exception.
	 * @param limit the process's limit on open files
	 * @param open the descriptors open now
	 * @param needed the descriptors the blocks would hold
	 * @param margin the descriptors left for the application itself
	 * @param blocks the blocks, in words
	 */
	public DescriptorLimitException(long limit, long open, long needed, long margin, String blocks) {
		super("Holding " + blocks + " takes " + needed + " file descriptors; with " + open + " open and " + margin
				+ " kept for the application, that exceeds this process's limit of " + limit);
		this.limit = limit;
		this.open = open;
		this.needed = needed;
		this.margin = margin;
		this.blocks = blocks;
	}

	/**
	 * The process's limit on open files (the soft {@code RLIMIT_NOFILE}).
	 * @return the limit
	 */
	public long getLimit() {
		return this.limit;
	}

	/**
	 * The descriptors open before reserving.
	 * @return the count
	 */
	public long getOpen() {
		return this.open;
	}

	/**
	 * The descriptors the blocks would hold.
	 * @return the count
	 */
	public long getNeeded() {
		return this.needed;
	}

	/**
	 * The descriptors kept for the application itself.
	 * @return the count
	 */
	public long getMargin() {
		return this.margin;
	}

	/**
	 * The limit the blocks need.
	 * @return {@code open + needed + margin}
	 */
	public long getRequiredLimit() {
		return this.open + this.needed + this.margin;
	}

	/**
	 * The blocks, in words.
	 * @return such as {@code default: 1000 TCP ports}
	 */
	public String getBlocks() {
		return this.blocks;
	}

}
