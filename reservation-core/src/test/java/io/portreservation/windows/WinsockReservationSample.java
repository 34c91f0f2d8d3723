package io.portreservation.windows;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.Locale;

import io.portreservation.Protocol;
import io.portreservation.windows.jna.WinsockTypes.INET_PORT_RESERVATION_INSTANCE;
import io.portreservation.windows.jna.WinsockTypes.SOCKET;

/**
 * The SIO_ACQUIRE_PORT_RESERVATION documentation's sample program, in Java: acquire a
 * runtime reservation on one socket, associate a second socket (a JDK channel, as the
 * library does; the original associates the first socket by mistake), bind it to port 0,
 * print the port the reservation gave it, release. Also creates and deletes persistent
 * reservations for administrators.
 *
 * <pre>
 * WinsockReservationSample tcp|udp &lt;startPort or 0&gt; &lt;count&gt;
 * WinsockReservationSample persistent-create|persistent-delete tcp|udp &lt;startPort&gt; &lt;count&gt;
 * </pre>
 */
public final class WinsockReservationSample {

	private WinsockReservationSample() {
	}

	/**
	 * Run the sample.
	 * @param args see the class description
	 * @throws IOException if the second socket cannot be opened or bound
	 */
	public static void main(String[] args) throws IOException {
		System.exit(run(System.out, args));
	}

	static int run(PrintStream out, String... args) throws IOException {
		if (args.length == 4 && args[0].startsWith("persistent-")) {
			Protocol protocol = protocol(args[1]);
			int start = Integer.parseInt(args[2]);
			int count = Integer.parseInt(args[3]);
			if (args[0].equals("persistent-create")) {
				long token = PersistentReservations.create(protocol, start, count);
				out.printf("CreatePersistent%sPortReservation(%d, %d) succeeded, Token=%d%n",
						args[1].toUpperCase(Locale.ROOT), start, count, token);
			}
			else {
				PersistentReservations.delete(protocol, start, count);
				out.printf("DeletePersistent%sPortReservation(%d, %d) succeeded%n", args[1].toUpperCase(Locale.ROOT),
						start, count);
			}
			return 0;
		}
		if (args.length != 3) {
			out.println("usage: WinsockReservationSample tcp|udp <startPort or 0> <count>");
			out.println(
					"       WinsockReservationSample persistent-create|persistent-delete tcp|udp <startPort> <count>");
			out.println("example: WinsockReservationSample udp 5000 20");
			return 1;
		}
		Protocol protocol = protocol(args[0]);
		int start = Integer.parseInt(args[1]);
		int count = Integer.parseInt(args[2]);
		if (start < 0 || start > 65535 || count < 1) {
			out.println("Starting point must be either 0 or between 1 and 65,535, and the count positive");
			return 1;
		}
		ChannelSockets.checkAccess();
		WindowsPlatform.check();
		Winsock winsock = Winsock.get();
		SOCKET socket = winsock.openSocket(protocol);
		out.println("socket function succeeded");
		try {
			INET_PORT_RESERVATION_INSTANCE instance = winsock.acquire(socket, start, count, protocol + " sample");
			out.printf("WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION) succeeded%n  Starting port=%d,  Number of Ports=%d,"
					+ " Token=%d%n", instance.startPort(), instance.numberOfPorts(), instance.Token);
			try (NetworkChannel second = (protocol == Protocol.TCP) ? ServerSocketChannel.open()
					: DatagramChannel.open()) {
				out.println("socket function for second socket succeeded");
				winsock.associate(ChannelSockets.socketOf(second), instance.Token, "the second socket");
				out.println("WSAIoctl(SIO_ASSOCIATE_PORT_RESERVATION) on the second socket succeeded");
				second.bind(new InetSocketAddress(0));
				out.println("bind succeeded");
				int port = ((InetSocketAddress) second.getLocalAddress()).getPort();
				boolean inside = port >= instance.startPort() && port < instance.startPort() + instance.numberOfPorts();
				out.printf("Port number allocated = %d (%s the reservation)%n", port, inside ? "inside" : "OUTSIDE");
			}
			winsock.release(socket, instance.Token, protocol + " sample");
			out.println("WSAIoctl(SIO_RELEASE_PORT_RESERVATION) succeeded");
		}
		finally {
			winsock.close(socket);
		}
		return 0;
	}

	private static Protocol protocol(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "tcp" -> Protocol.TCP;
			case "udp" -> Protocol.UDP;
			default -> throw new IllegalArgumentException("protocol " + name + " is not tcp or udp");
		};
	}

}
