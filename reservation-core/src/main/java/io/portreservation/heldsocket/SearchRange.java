package io.portreservation.heldsocket;

/**
 * Where a wildcard block is searched: between the registered ports and the kernel's
 * ephemeral range, so that no {@code bind(0)} or outgoing connection competes for the
 * ports. Linux says where its range starts in {@code /proc/sys/net/ipv4/ip_local_port_range};
 * elsewhere the IANA range (49152-65535) is assumed.
 *
 * @param low the lowest port to search
 * @param high the highest port to search
 */
record SearchRange(int low, int high) {

	/** The first port that is not a well-known (privileged) port. */
	static final int FIRST_REGISTERED_PORT = 1024;

	/** Where the ephemeral range starts unless the kernel says otherwise (RFC 6335). */
	static final int IANA_EPHEMERAL_START = 49152;

	/**
	 * The ports below this machine's ephemeral range.
	 * @return the range
	 */
	static SearchRange belowEphemeral() {
		return new SearchRange(FIRST_REGISTERED_PORT, ephemeralStart() - 1);
	}

	static int ephemeralStart() {
		return Sysctl.read("net/ipv4/ip_local_port_range", IANA_EPHEMERAL_START);
	}

	/**
	 * Whether a block of {@code count} ports fits.
	 * @param count the block size
	 * @return {@code true} if the range holds at least {@code count} ports
	 */
	boolean fits(int count) {
		return this.high - this.low + 1 >= count;
	}

	@Override
	public String toString() {
		return this.low + "-" + this.high;
	}

}
