package io.portreservation.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;

/**
 * One process of {@link PeerPickBenchmark}: pick every port with a strategy, then bind
 * them all (with plain JDK server channels, or through the block's leases for the
 * held-block strategies) and hold them until stdin closes. Prints {@code PICKED},
 * {@code FAILED} and {@code MILLIS} (from {@code main} until the last bind).
 */
public final class PeerPicker {

	private PeerPicker() {
	}

	public static void main(String[] args) throws Exception {
		long start = System.nanoTime();
		String strategy = args[0];
		int count = Integer.parseInt(args[1]);
		if (args[2].equals("warm")) {
			// run the strategy's code (and JNA) once before the common start
			warmUp(strategy);
			System.out.println("READY");
			System.out.flush();
			System.in.read();
			start = System.nanoTime();
		}
		List<Channel> bound = new ArrayList<>();
		int[] picked = new int[count];
		int failed = 0;
		PortReservation block = null;
		if (strategy.startsWith("held-block")) {
			block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, count));
			for (int i = 0; i < count; i++) {
				picked[i] = block.firstPort() + i;
				try {
					bound.add(block.lease(picked[i], "server").openServerSocketChannel(null, 0));
				}
				catch (IOException | RuntimeException ex) {
					failed++;
				}
			}
		}
		else {
			for (int i = 0; i < count; i++) {
				picked[i] = pick(strategy);
			}
			for (int port : picked) {
				try {
					// The JDK's defaults, as a server that knows nothing of reservations
					// binds.
					ServerSocketChannel channel = ServerSocketChannel.open();
					channel.bind(new InetSocketAddress(port));
					bound.add(channel);
				}
				catch (IOException ex) {
					failed++;
				}
			}
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		System.out.println(
				"PICKED " + Arrays.stream(picked).mapToObj(Integer::toString).reduce((a, b) -> a + "," + b).orElse(""));
		System.out.println("FAILED " + failed);
		System.out.println("MILLIS " + millis);
		System.out.flush();
		while (System.in.read() != -1) {
			// hold the servers until the benchmark has every report
		}
		for (Channel channel : bound) {
			channel.close();
		}
		if (block != null) {
			block.close();
		}
	}

	private static void warmUp(String strategy) throws IOException {
		if (strategy.startsWith("held-block")) {
			try (PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 1))) {
				block.lease("warm-up").openServerSocketChannel(null, 0).close();
			}
		}
		else {
			pick(strategy);
		}
	}

	private static int pick(String strategy) throws IOException {
		return switch (strategy) {
			case "test-socket-utils" -> testSocketUtilsStyle();
			case "bind-0-close" -> bindZeroAndClose();
			case "reserved-port" -> PortNumbers.take(Protocol.TCP, "the peer benchmark").port();
			default -> throw new IllegalArgumentException(strategy);
		};
	}

	/**
	 * What {@code TestSocketUtils.findAvailableTcpPort()} does: a random port that binds
	 * now.
	 */
	private static int testSocketUtilsStyle() {
		for (int attempt = 0; attempt < 1000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(1024, 65536);
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("localhost"))) {
				return port;
			}
			catch (IOException ex) {
				// taken; try another
			}
		}
		throw new IllegalStateException("no free port found");
	}

	private static int bindZeroAndClose() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
