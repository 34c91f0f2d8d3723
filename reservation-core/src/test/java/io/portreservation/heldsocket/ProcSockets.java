package io.portreservation.heldsocket;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What Linux's {@code /proc} says about this process's sockets on a port: which socket
 * listens (or is bound) there and how many of this process's descriptors reach it.
 */
final class ProcSockets {

	private static final String LISTEN = "0A";

	private static final String TIME_WAIT = "06";

	private ProcSockets() {
	}

	/**
	 * The inode of this process's socket bound to a port. A bound TCP socket that does
	 * not listen is missing from {@code /proc/net/tcp}, so TCP asks every descriptor.
	 */
	static long inode(String protocol, int port) throws IOException {
		if (protocol.equals("tcp")) {
			return holderInode(port);
		}
		for (String[] row : rows(protocol, port)) {
			return Long.parseLong(row[9]);
		}
		throw new IllegalStateException("No UDP socket on port " + port);
	}

	private static long holderInode(int port) throws IOException {
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
			for (Path fd : fds) {
				long inode = socketInode(fd);
				if (inode > 0 && boundTo(Integer.parseInt(fd.getFileName().toString()), port)) {
					return inode;
				}
			}
		}
		throw new IllegalStateException("No socket of this process on TCP port " + port);
	}

	private static boolean boundTo(int fd, int port) {
		SocketCalls calls = SocketCalls.get();
		return calls.boundPort(fd) == port && !calls.isDatagramSocket(fd);
	}

	/** The inode of the socket listening on a TCP port. */
	static long listeningInode(int port) throws IOException {
		for (String[] row : rows("tcp", port)) {
			if (row[3].equals(LISTEN)) {
				return Long.parseLong(row[9]);
			}
		}
		throw new IllegalStateException("Nothing listens on TCP port " + port);
	}

	static boolean hasTimeWait(int port) throws IOException {
		return rows("tcp", port).stream().anyMatch((row) -> row[3].equals(TIME_WAIT));
	}

	/** How many descriptors of this process refer to a socket. */
	static int descriptorsOf(long inode) throws IOException {
		int count = 0;
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
			for (Path fd : fds) {
				if (socketInode(fd) == inode) {
					count++;
				}
			}
		}
		return count;
	}

	private static long socketInode(Path fd) {
		try {
			String target = Files.readSymbolicLink(fd).toString();
			return target.startsWith("socket:[") ? Long.parseLong(target.substring(8, target.length() - 1)) : -1;
		}
		catch (IOException ex) {
			return -1; // closed meanwhile (the directory stream's own descriptor)
		}
	}

	private static List<String[]> rows(String protocol, int port) throws IOException {
		String suffix = String.format(Locale.ROOT, ":%04X", port);
		return java.util.stream.Stream.of(protocol, protocol + "6")
			.map((name) -> Path.of("/proc/net", name))
			.filter(Files::exists)
			.flatMap((path) -> {
				try {
					return Files.readAllLines(path).stream().skip(1);
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			})
			.map((line) -> line.trim().split("\\s+"))
			.filter((row) -> row[1].endsWith(suffix))
			.toList();
	}

}
