package io.portreservation.boot.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which socket serves a TCP port, from Linux's {@code /proc}: the socket listening there
 * and how many descriptors of this process reach it. A server handed the block's holding
 * socket itself shares it with the block (two descriptors, one socket); a server bound
 * beside the holder has a socket of its own (one descriptor).
 */
public final class ServingSocket {

	private ServingSocket() {
	}

	/**
	 * How many descriptors of this process reach the socket listening on a port.
	 * @param port the port
	 * @return the count (0 if no socket of this process listens there)
	 */
	public static int descriptorsOfListener(int port) {
		String inode = listeningInode(port);
		int count = 0;
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
			for (Path fd : fds) {
				if (("socket:[" + inode + "]").equals(readLink(fd))) {
					count++;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return count;
	}

	/**
	 * Whether a connect to the port on the IPv4 loopback address is refused.
	 * @param port the port
	 * @return {@code true} if refused, {@code false} if accepted by the kernel
	 */
	public static boolean refusesConnects(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
			return false;
		}
		catch (ConnectException ex) {
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String listeningInode(int port) {
		String suffix = String.format(Locale.ROOT, ":%04X", port);
		return Stream.of("tcp", "tcp6")
			.map((table) -> Path.of("/proc/net", table))
			.flatMap(ServingSocket::lines)
			.map((line) -> line.trim().split("\\s+"))
			.filter((row) -> row.length > 9 && row[1].endsWith(suffix) && row[3].equals("0A"))
			.map((row) -> row[9])
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Nothing listens on TCP port " + port));
	}

	private static Stream<String> lines(Path path) {
		try {
			return Files.readAllLines(path).stream().skip(1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readLink(Path fd) {
		try {
			return Files.readSymbolicLink(fd).toString();
		}
		catch (IOException ex) {
			return ""; // closed while listing
		}
	}

}
