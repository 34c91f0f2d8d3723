package io.portreservation.testfixtures;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The port thief's process: the main class {@link PortThief} runs in a {@link ChildJvm},
 * as the same user or as another one. Depends on nothing but the JDK, so it behaves alike
 * on Linux, macOS and Windows. Every mode is bounded: in attempts, or in time and by its
 * stdin.
 *
 * <ul>
 * <li>{@code steal tcp|udp <maxMillis> <port,...>}: until stdin closes (or the time is
 * up), bind on every port with plain, {@code SO_REUSEADDR} and {@code SO_REUSEPORT}
 * sockets on {@code 0.0.0.0}, {@code 127.0.0.1}, {@code [::]} and {@code [::1]}; for TCP
 * both bind-only and bind-and-listen. Prints {@code READY} after the first round,
 * {@code STOLEN ...} or {@code LISTENING ...} with the wall-clock milliseconds before the
 * attempt and after its success ({@code at t0..t1}: the attempt may wait for the CPU) for
 * every success (keeping that socket for {@value PortThief#SQUAT_MILLIS} ms), and
 * {@code ATTEMPTS n} at the end.</li>
 * <li>{@code sweep tcp|udp <option,...> <port,...>}: once for every port, address and
 * option ({@code plain}, {@code SO_REUSEADDR}, {@code SO_REUSEPORT}), a TCP listener or a
 * UDP socket on the four addresses above, closed at once; prints {@code TAKEN ...} for
 * every bind that worked, then {@code DONE}.</li>
 * <li>{@code expectfree <port,...>}: once for every port and address, a TCP listener with
 * {@code SO_REUSEADDR}, as a server binds; prints {@code BUSY ...} for every one that
 * failed, then {@code DONE}.</li>
 * <li>{@code autobind <tries> <low> <high> <connectPort>}: {@code bind(0)} TCP and UDP
 * sockets and connect to {@code 127.0.0.1:connectPort}, printing {@code GIVEN ...} for
 * every local port the kernel chose inside {@code low..high}, then {@code DONE}.</li>
 * <li>{@code bindonce <port>}: one plain TCP bind on {@code [::]:port}; prints
 * {@code BOUND} or {@code REFUSED}.</li>
 * <li>{@code bindreuse <port>}: bind a TCP socket with {@code SO_REUSEADDR} on
 * {@code [::]:port} without listening, print {@code BOUND} (or {@code REFUSED}), and keep
 * it until stdin closes.</li>
 * </ul>
 * <p>
 * Tests start it through {@link PortThief}.
 */
final class PortThiefProcess {

	private static final String[] HOSTS = { "0.0.0.0", "127.0.0.1", "::", "::1" };

	private static volatile boolean stop;

	private PortThiefProcess() {
	}

	/**
	 * Run one mode, as the child JVM's main class.
	 * @param args the mode and its arguments
	 * @throws Exception if the mode fails
	 */
	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "steal" -> steal(args[1], Long.parseLong(args[2]), ports(args[3]));
			case "sweep" -> sweep(args[1], args[2].split(","), ports(args[3]));
			case "expectfree" -> expectFree(ports(args[1]));
			case "autobind" -> autobind(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
					Integer.parseInt(args[4]));
			case "bindonce" -> bindOnce(Integer.parseInt(args[1]));
			case "bindreuse" -> bindReuse(Integer.parseInt(args[1]));
			default -> throw new IllegalArgumentException(args[0]);
		}
		System.out.flush();
	}

	private static void steal(String protocol, long maxMillis, int[] ports) throws Exception {
		Thread watcher = new Thread(() -> {
			try {
				while (System.in.read() >= 0) {
					// wait for EOF
				}
			}
			catch (IOException ex) {
				// treat as EOF
			}
			stop = true;
		});
		watcher.setDaemon(true);
		watcher.start();
		long deadline = System.nanoTime() + maxMillis * 1_000_000L;
		long attempts = 0;
		boolean ready = false;
		while (!stop && System.nanoTime() - deadline < 0) {
			for (int port : ports) {
				for (String host : HOSTS) {
					InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
					for (int option = 0; option < 3; option++) {
						attempts++;
						if (protocol.equals("tcp")) {
							tryListen(address, option);
							tryBind(address, option);
						}
						else {
							tryDatagram(address, option);
						}
					}
				}
			}
			if (!ready) {
				System.out.println("READY");
				System.out.flush();
				ready = true;
			}
		}
		System.out.println("ATTEMPTS " + attempts);
	}

	private static void tryListen(InetSocketAddress address, int option) {
		attempt("LISTENING", address, option, () -> ServerSocketChannel.open(family(address)));
	}

	private static void tryBind(InetSocketAddress address, int option) {
		attempt("STOLEN tcp", address, option, () -> SocketChannel.open(family(address)));
	}

	private static void tryDatagram(InetSocketAddress address, int option) {
		attempt("STOLEN udp", address, option, () -> DatagramChannel.open(family(address)));
	}

	/**
	 * One bind (and listen, for a server channel) that prints and squats if it got the
	 * port.
	 */
	private static void attempt(String what, InetSocketAddress address, int option, Opener opener) {
		long before = System.currentTimeMillis();
		try (NetworkChannel channel = opener.open()) {
			configure(channel, option);
			if (channel instanceof ServerSocketChannel server) {
				server.bind(address, 16);
			}
			else {
				channel.bind(address);
			}
			System.out.println(what + " " + address + " " + describe(option) + " at " + before + ".."
					+ System.currentTimeMillis());
			squat();
		}
		catch (IOException ex) {
			// refused: the port is held
		}
	}

	/** Keep a socket that got the port for a while, as a real squatter would. */
	private static void squat() {
		System.out.flush();
		try {
			Thread.sleep(PortThief.SQUAT_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sweep(String protocol, String[] options, int[] ports) throws IOException {
		for (int port : ports) {
			for (String host : HOSTS) {
				InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
				for (String option : options) {
					try (NetworkChannel thief = protocol.equals("tcp") ? ServerSocketChannel.open(family(address))
							: DatagramChannel.open(family(address))) {
						configure(thief, option(option));
						if (thief instanceof ServerSocketChannel server) {
							server.bind(address, 16);
						}
						else {
							thief.bind(address);
						}
						System.out.println("TAKEN " + protocol + " " + address + " " + option);
					}
					catch (IOException | UnsupportedOperationException ex) {
						// refused, as it should be while the port is held
					}
				}
			}
		}
		System.out.println("DONE");
	}

	private static void expectFree(int[] ports) throws IOException {
		for (int port : ports) {
			for (String host : HOSTS) {
				InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), port);
				try (ServerSocketChannel server = ServerSocketChannel.open(family(address))) {
					server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
					server.bind(address, 1);
				}
				catch (IOException ex) {
					System.out.println("BUSY " + port + " " + host + " " + ex.getMessage());
				}
			}
		}
		System.out.println("DONE");
	}

	private static int option(String name) {
		return switch (name) {
			case "plain" -> 0;
			case "SO_REUSEADDR" -> 1;
			case "SO_REUSEPORT" -> 2;
			default -> throw new IllegalArgumentException(name);
		};
	}

	private static void autobind(int tries, int low, int high, int connectPort) throws IOException {
		InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), connectPort);
		int tcp = 0;
		int udp = 0;
		int connects = 0;
		for (int i = 0; i < tries; i++) {
			try (SocketChannel channel = SocketChannel.open()) {
				channel.bind(null);
				report("tcp-bind0", channel, low, high);
				tcp++;
			}
			try (DatagramChannel channel = DatagramChannel.open()) {
				channel.bind(null);
				report("udp-bind0", channel, low, high);
				udp++;
			}
			try (SocketChannel channel = SocketChannel.open(server)) {
				report("connect", channel, low, high);
				// RST: no TIME_WAIT left behind
				channel.setOption(StandardSocketOptions.SO_LINGER, 0);
				connects++;
			}
		}
		System.out.println("DONE tcp=" + tcp + " udp=" + udp + " connects=" + connects);
	}

	private static void report(String what, NetworkChannel channel, int low, int high) throws IOException {
		int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
		if (port >= low && port <= high) {
			System.out.println("GIVEN " + what + " " + port);
		}
	}

	private static void bindReuse(int port) throws IOException {
		try (SocketChannel channel = SocketChannel.open()) {
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			channel.bind(new InetSocketAddress(port));
			System.out.println("BOUND");
			System.out.flush();
			while (System.in.read() >= 0) {
				// hold until stdin closes
			}
		}
		catch (IOException ex) {
			System.out.println("REFUSED " + ex.getMessage());
		}
	}

	private static void bindOnce(int port) throws IOException {
		try (SocketChannel channel = SocketChannel.open()) {
			channel.bind(new InetSocketAddress(port));
			System.out.println("BOUND");
		}
		catch (IOException ex) {
			System.out.println("REFUSED " + ex.getMessage());
		}
	}

	private static void configure(NetworkChannel channel, int option) throws IOException {
		SocketOption<Boolean> name = switch (option) {
			case 1 -> StandardSocketOptions.SO_REUSEADDR;
			case 2 -> StandardSocketOptions.SO_REUSEPORT;
			default -> null;
		};
		channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
		if (name != null) {
			channel.setOption(name, true);
		}
	}

	private static String describe(int option) {
		return switch (option) {
			case 1 -> "SO_REUSEADDR";
			case 2 -> "SO_REUSEPORT";
			default -> "plain";
		};
	}

	private static ProtocolFamily family(InetSocketAddress address) {
		return (address.getAddress().getAddress().length == 4) ? StandardProtocolFamily.INET
				: StandardProtocolFamily.INET6;
	}

	private static int[] ports(String list) {
		String[] parts = list.split(",");
		int[] ports = new int[parts.length];
		for (int i = 0; i < parts.length; i++) {
			ports[i] = Integer.parseInt(parts[i]);
		}
		return ports;
	}

	/** Opens the channel of one attempt. */
	@FunctionalInterface
	private interface Opener {

		NetworkChannel open() throws IOException;

	}

}
