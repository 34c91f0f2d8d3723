package io.portreservation.heldsocket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.portreservation.Backend;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.testfixtures.ChildJvm;
import io.portreservation.testfixtures.PortThief;

/**
 * A second process that reserves through the library, for the tests that need a holder
 * (or a reserving competitor) outside the test JVM.
 *
 * <ul>
 * <li>{@code hold <protocol> <start> <count> [go]}: reserve (after a {@code GO} line on
 * stdin if {@code go} is given), print {@code BLOCK <first> <count>} or
 * {@code FAILED <exception> <message>}, then hold until stdin closes.</li>
 * <li>{@code request <protocol> <start> <count>}: reserve and release at once; print
 * {@code FDS <before>} (open sockets), then {@code OK} or
 * {@code FAILED <exception> <message>}, then {@code FDS <after>}, then
 * {@code NEW SOCKETS} and those open now that were not before, with their
 * {@code /proc/net} lines.</li>
 * <li>{@code autobind <low> <high>}: (in a network namespace of its own, whose ephemeral
 * range is {@code low..high}) hold the lower half of that range, then run a
 * {@link PortThief} {@code autobind} against it and relay its output.</li>
 * </ul>
 */
public final class ReservingChild {

	private ReservingChild() {
	}

	public static void main(String[] args) throws Exception {
		BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		switch (args[0]) {
			case "hold" -> hold(stdin, Protocol.valueOf(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
					args.length > 4);
			case "request" -> request(Protocol.valueOf(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
			case "autobind" -> autobind(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
			default -> throw new IllegalArgumentException(args[0]);
		}
		System.out.flush();
	}

	private static void hold(BufferedReader stdin, Protocol protocol, int start, int count, boolean waitForGo)
			throws IOException {
		System.out.println("READY");
		System.out.flush();
		if (waitForGo && !"GO".equals(stdin.readLine())) {
			return;
		}
		try (PortReservation block = reserve(protocol, start, count)) {
			System.out.println("BLOCK " + block.firstPort() + " " + block.count());
			System.out.flush();
			while (stdin.readLine() != null) {
				// hold until stdin closes
			}
		}
		catch (RuntimeException ex) {
			System.out.println("FAILED " + ex.getClass().getSimpleName() + " " + ex.getMessage());
		}
	}

	private static void request(Protocol protocol, int start, int count) throws IOException {
		// load the library and JNA first, so that what is counted is sockets, not jar
		// files
		reserve(Protocol.TCP_UDP, 0, 1).close();
		Map<String, String> before = sockets();
		System.out.println("FDS " + before.size());
		try (PortReservation block = reserve(protocol, start, count)) {
			System.out.println("OK " + block.firstPort());
		}
		catch (RuntimeException ex) {
			System.out.println("FAILED " + ex.getClass().getSimpleName() + " " + ex.getMessage());
		}
		Map<String, String> after = sockets();
		System.out.println("FDS " + after.size());
		// what a test needs to tell where a socket left open came from
		after.keySet().removeAll(before.keySet());
		System.out.println("NEW SOCKETS " + describe(after));
	}

	/** This process's sockets: descriptor to link target ({@code socket:[inode]}). */
	private static Map<String, String> sockets() throws IOException {
		Map<String, String> sockets = new TreeMap<>();
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			for (Path fd : fds.toList()) {
				try {
					String target = Files.readSymbolicLink(fd).toString();
					if (target.startsWith("socket:")) {
						sockets.put(fd.getFileName().toString(), target);
					}
				}
				catch (IOException ex) {
					// closed while listing (the listing's own descriptor among them)
				}
			}
		}
		return sockets;
	}

	/** Each socket with its line of /proc/net (protocol, addresses, state), if any. */
	private static String describe(Map<String, String> sockets) throws IOException {
		List<String> described = new ArrayList<>();
		for (Map.Entry<String, String> socket : sockets.entrySet()) {
			String inode = socket.getValue().replaceAll("\\D", "");
			String where = "not in /proc/net";
			for (String table : new String[] { "tcp", "tcp6", "udp", "udp6", "unix", "netlink", "raw", "raw6" }) {
				Path path = Path.of("/proc/net", table);
				if (Files.isReadable(path)) {
					for (String line : Files.readAllLines(path)) {
						if (List.of(line.trim().split("\\s+")).contains(inode)) {
							where = table + ": " + line.trim();
						}
					}
				}
			}
			described.add("fd " + socket.getKey() + " " + socket.getValue() + " (" + where + ")");
		}
		return described.isEmpty() ? "none" : String.join("; ", described);
	}

	private static void autobind(int low, int high) throws Exception {
		int held = (high - low + 1) / 2;
		try (PortReservation block = reserve(Protocol.TCP_UDP, low, held);
				ServerSocketChannel server = ServerSocketChannel.open()) {
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), low - 1));
			Thread acceptor = new Thread(() -> {
				try {
					while (true) {
						server.accept().close();
					}
				}
				catch (IOException ex) {
					// closed
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			System.out.println("HELD " + block.firstPort() + " " + block.lastPort());
			try (ChildJvm thief = PortThief
				.launch("autobind", "500", Integer.toString(block.firstPort()), Integer.toString(block.lastPort()),
						Integer.toString(low - 1))
				.start()) {
				for (String line : thief.finish(java.time.Duration.ofSeconds(60))) {
					System.out.println(line);
				}
			}
		}
	}

	private static PortReservation reserve(Protocol protocol, int start, int count) {
		return PortReservations.reserve(ReservationRequest.of(protocol, start, count), Backend.HELD_SOCKET);
	}

}
