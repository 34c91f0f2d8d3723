package io.portreservation.heldsocket;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Lists the UDP sockets bound to a port that are not this process's, from Linux's
 * {@code /proc/net/udp} and {@code /proc/net/udp6}. A UDP hand-off lets a socket with
 * {@code SO_REUSEADDR} join the port for the few microseconds of the server's bind; this
 * is how the backend finds out whether one did, since a joined socket would share the
 * server's datagrams for as long as it lives.
 */
final class UdpCensus {

	private static final Path[] TABLES = { Path.of("/proc/net/udp"), Path.of("/proc/net/udp6") };

	private UdpCensus() {
	}

	/**
	 * Whether this system can be asked.
	 * @return {@code true} on Linux
	 */
	static boolean isAvailable() {
		return Files.isReadable(TABLES[0]);
	}

	/**
	 * The sockets bound to {@code port} whose inode is not in {@code ours}.
	 * @param port the port
	 * @param ours the inodes of this process's sockets on the port
	 * @return a description of each foreign socket ({@code "uid 65534, inode 123"})
	 */
	static List<String> foreignSockets(int port, Set<Long> ours) {
		String hexPort = String.format(":%04X ", port);
		List<String> foreign = new ArrayList<>();
		for (Path table : TABLES) {
			try (BufferedReader reader = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
				reader.readLine(); // header
				String line;
				while ((line = reader.readLine()) != null) {
					// "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout
					// inode ..."
					int local = line.indexOf(':', line.indexOf(':') + 1);
					if (local < 0 || !line.startsWith(hexPort, local)) {
						continue;
					}
					String[] fields = line.trim().split("\\s+");
					long inode = Long.parseLong(fields[9]);
					if (!ours.contains(inode)) {
						foreign.add("uid " + fields[7] + ", inode " + inode);
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				// the table is unreadable (IPv6 missing): nothing to find there
			}
		}
		return foreign;
	}

	/**
	 * The inode of the socket behind a descriptor of this process.
	 * @param fd the descriptor
	 * @return the inode, or {@code null} if it cannot be read
	 */
	static @Nullable Long inode(int fd) {
		try {
			String target = Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))).toString();
			if (target.startsWith("socket:[")) {
				return Long.parseLong(target.substring("socket:[".length(), target.length() - 1));
			}
		}
		catch (IOException | RuntimeException ex) {
			// not readable: unknown
		}
		return null;
	}

}
