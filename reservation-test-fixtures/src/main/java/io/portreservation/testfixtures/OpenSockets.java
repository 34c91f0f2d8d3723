package io.portreservation.testfixtures;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Counts this process's open TCP and UDP sockets, IPv4 and IPv6, from
 * {@code /proc/self/fd} and {@code /proc/net} (Linux). Only these sockets: class loading
 * opens jar files lazily and JNA extracts and maps libraries, so a count of every
 * descriptor changes between two calls without anything leaking. Unix domain sockets are
 * left out too: the C library opens some lazily and keeps them. A test compares a count
 * before with one after to find a leaked socket.
 */
public final class OpenSockets {

	private static final String[] TABLES = { "tcp", "tcp6", "udp", "udp6" };

	private OpenSockets() {
	}

	/**
	 * The number of open TCP and UDP sockets, after the JDK has created what it creates
	 * on the first use of a channel; -1 where {@code /proc} does not list them (Windows),
	 * where leaks are not counted.
	 * @return the count, or -1
	 */
	public static int count() {
		if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
			return -1;
		}
		try (ServerSocketChannel tcp = ServerSocketChannel.open(); DatagramChannel udp = DatagramChannel.open()) {
			tcp.bind(null);
			udp.bind(null);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return inetSockets().size();
	}

	/**
	 * Describe the open TCP and UDP sockets, for an assertion message.
	 * @return one line per descriptor with its {@code /proc/net} entry
	 */
	public static String describe() {
		if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
			return "";
		}
		return inetSockets().entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " " + entry.getValue())
			.collect(Collectors.joining("\n", "\n", ""));
	}

	private static Map<String, String> inetSockets() {
		Map<String, String> byInode = new HashMap<>();
		try {
			for (String table : TABLES) {
				for (String line : Files.readAllLines(Path.of("/proc/net", table))) {
					String[] fields = line.trim().split("\\s+");
					if (fields.length > 9 && !fields[0].equals("sl")) {
						byInode.put(fields[9], table + " " + line.trim());
					}
				}
			}
			Map<String, String> open = new HashMap<>();
			try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
				for (Path fd : fds.toList()) {
					String link = readLink(fd);
					if (link.startsWith("socket:[")) {
						String entry = byInode.get(link.substring(8, link.length() - 1));
						if (entry != null) {
							open.put("fd " + fd.getFileName(), entry);
						}
					}
				}
			}
			return open;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String readLink(Path fd) {
		try {
			return Files.readSymbolicLink(fd).toString();
		}
		catch (IOException ex) {
			return ""; // closed while listing (the listing's own descriptor among them)
		}
	}

}
