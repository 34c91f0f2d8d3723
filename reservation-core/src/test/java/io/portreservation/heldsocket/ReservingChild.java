package io.portreservation.heldsocket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;

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
 * {@code FAILED <exception> <message>}, then {@code FDS <after>}.</li>
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

	private static void request(Protocol protocol, int start, int count) {
		// load the library and JNA first, so that what is counted is sockets, not jar
		// files
		reserve(Protocol.TCP_UDP, 0, 1).close();
		System.out.println("FDS " + HeldSocketArgumentTests.openDescriptors());
		try (PortReservation block = reserve(protocol, start, count)) {
			System.out.println("OK " + block.firstPort());
		}
		catch (RuntimeException ex) {
			System.out.println("FAILED " + ex.getClass().getSimpleName() + " " + ex.getMessage());
		}
		System.out.println("FDS " + HeldSocketArgumentTests.openDescriptors());
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
