package io.portreservation.heldsocket;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the descriptor of a socket the JDK opened, which the JDK does not expose: the UDP
 * hand-off keeps a duplicate of the server channel's descriptor so that the port stays
 * bound after the application closes the channel.
 *
 * <p>
 * {@code socket()} returns the lowest free descriptor, so the number that was lowest just
 * before the channel was opened is checked first; the process's descriptor table
 * ({@code /proc/self/fd}, {@code /dev/fd}) is scanned only if that guess is wrong.
 */
final class DescriptorScan {

	private final SocketCalls calls;

	DescriptorScan(SocketCalls calls) {
		this.calls = calls;
	}

	/**
	 * The lowest descriptor number free at this moment.
	 * @param calls the socket calls
	 * @param open any open descriptor
	 * @return the number the next {@code socket()} call will most likely get
	 */
	static int lowestFree(SocketCalls calls, int open) {
		int probe = calls.duplicate(open, -1);
		if (probe >= 0) {
			calls.close(probe);
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
		Path table = Path.of(LibCAPI.MAC ? "/dev/fd" : "/proc/self/fd");
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
		return this.calls.boundPort(fd) == port && this.calls.isDatagramSocket(fd);
	}

}
