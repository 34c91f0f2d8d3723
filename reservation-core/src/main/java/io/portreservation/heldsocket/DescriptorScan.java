package io.portreservation.heldsocket;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.jna.Memory;

/**
 * Finds the descriptor of a socket the JDK opened, which the JDK does not expose: the
 * UDP hand-off keeps a duplicate of the server channel's descriptor so that the port
 * stays bound after the application closes the channel.
 *
 * <p>{@code socket()} returns the lowest free descriptor, so the number that was lowest
 * just before the channel was opened is checked first; the process's descriptor table
 * ({@code /proc/self/fd}, {@code /dev/fd}) is scanned only if that guess is wrong.
 */
final class DescriptorScan {

	private final Memory address = new Memory(28);

	private final Memory length = new Memory(4);

	private final Memory type = new Memory(4);

	/**
	 * The lowest descriptor number free at this moment.
	 * @param open any open descriptor
	 * @return the number the next {@code socket()} call will most likely get
	 */
	static int lowestFree(int open) {
		int probe = LibC.dup(open);
		if (probe >= 0) {
			LibC.close(probe);
		}
		return probe;
	}

	/**
	 * Find the one datagram socket bound to {@code port} other than the holder's (which
	 * may also be open under another descriptor: an earlier server channel the holder
	 * adopted).
	 * @param guess the descriptor to check first, or -1
	 * @param port the bound port
	 * @param exclude the holder's descriptor
	 * @return the descriptor, or -1 if none or more than one qualifies
	 */
	int findDatagramSocket(int guess, int port, int exclude) {
		if (guess >= 0 && guess != exclude && isDatagramSocketOn(guess, port)) {
			return guess;
		}
		Long holder = UdpCensus.inode(exclude);
		int found = -1;
		Path table = Path.of(LibC.MAC ? "/dev/fd" : "/proc/self/fd");
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(table)) {
			for (Path entry : entries) {
				int fd = Integer.parseInt(entry.getFileName().toString());
				boolean holders = holder != null && holder.equals(UdpCensus.inode(fd));
				if (fd != exclude && !holders && isDatagramSocketOn(fd, port)) {
					if (found >= 0) {
						return -1;
					}
					found = fd;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
		return found;
	}

	private boolean isDatagramSocketOn(int fd, int port) {
		if (boundPort(fd, this.address, this.length) != port) {
			return false;
		}
		this.length.setInt(0, 4);
		return LibC.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_TYPE, this.type, this.length) == 0
				&& this.type.getInt(0) == LibC.SOCK_DGRAM;
	}

	/**
	 * The port an IPv4 or IPv6 socket is bound to.
	 * @param fd any descriptor
	 * @param address a buffer of at least 28 bytes
	 * @param length a buffer of 4 bytes
	 * @return the port, or -1 if {@code fd} is not an IPv4 or IPv6 socket
	 */
	static int boundPort(int fd, Memory address, Memory length) {
		address.clear(28); // a Unix socket's name leaves the port bytes as they were
		length.setInt(0, 28);
		if (LibC.getsockname(fd, address, length) != 0) {
			return -1;
		}
		int family = LibC.MAC ? address.getByte(1) : address.getShort(0);
		if (family != LibC.AF_INET && family != LibC.AF_INET6) {
			return -1;
		}
		return ((address.getByte(2) & 0xff) << 8) | (address.getByte(3) & 0xff);
	}

}
