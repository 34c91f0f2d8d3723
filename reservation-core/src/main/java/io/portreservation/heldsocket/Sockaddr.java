package io.portreservation.heldsocket;

import com.sun.jna.Memory;

/**
 * A native {@code sockaddr_in6} (or {@code sockaddr_in} where IPv6 is missing) for the
 * wildcard address, reused across ports: the port is the only field that changes. Linux
 * starts with a 16-bit family; BSD with a length byte and a family byte. Not thread-safe;
 * one per operation.
 */
final class Sockaddr {

	private static final int SOCKADDR_IN6_SIZE = 28;

	private static final int SOCKADDR_IN_SIZE = 16;

	private final Memory memory = new Memory(SOCKADDR_IN6_SIZE);

	private final int length;

	private Sockaddr(int family) {
		this.memory.clear();
		this.length = (family == LibCAPI.AF_INET6) ? SOCKADDR_IN6_SIZE : SOCKADDR_IN_SIZE;
		if (LibCAPI.MAC) {
			this.memory.setByte(0, (byte) this.length);
			this.memory.setByte(1, (byte) family);
		}
		else {
			this.memory.setShort(0, (short) family);
		}
	}

	/**
	 * The wildcard address of a family ({@code [::]}, dual-stack, or {@code 0.0.0.0}).
	 * @param family {@link LibCAPI#AF_INET6} or {@link LibCAPI#AF_INET}
	 * @return a new buffer, port 0
	 */
	static Sockaddr wildcard(int family) {
		return new Sockaddr(family);
	}

	Sockaddr port(int port) {
		this.memory.setByte(2, (byte) (port >>> 8)); // network byte order
		this.memory.setByte(3, (byte) port);
		return this;
	}

	Memory memory() {
		return this.memory;
	}

	int length() {
		return this.length;
	}

}
