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
	 * Find the one datagram socket bound to {@code port} other than {@code exclude}.
	 * @param guess the descriptor to check first, or -1
	 * @param port the bound port
	 * @param exclude the holder's descriptor
	 * @return the descriptor, or -1 if none or more than one qualifies
	 */
	int findDatagramSocket(int guess, int port, int exclude) {
		if (guess >= 0 && guess != exclude && isDatagramSocketOn(guess, port)) {
			return guess;
		}
		int found = -1;
		Path table = Path.of(LibC.MAC ? "/dev/fd" : "/proc/self/fd");
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(table)) {
			for (Path entry : entries) {
				int fd = Integer.parseInt(entry.getFileName().toString());
				if (fd != exclude && isDatagramSocketOn(fd, port)) {
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
		this.length.setInt(0, 28);
		if (LibC.getsockname(fd, this.address, this.length) != 0) {
			return false;
		}
		int bound = ((this.address.getByte(2) & 0xff) << 8) | (this.address.getByte(3) & 0xff);
		if (bound != port) {
			return false;
		}
		this.length.setInt(0, 4);
		return LibC.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_TYPE, this.type, this.length) == 0
				&& this.type.getInt(0) == LibC.SOCK_DGRAM;
	}

}
