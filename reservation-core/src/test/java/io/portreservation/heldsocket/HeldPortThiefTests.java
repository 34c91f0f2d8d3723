package io.portreservation.heldsocket;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.portreservation.Backend;
import io.portreservation.BindLostException;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.testfixtures.ChildJvm;
import io.portreservation.testfixtures.PortThief;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link HeldSocketReservations} against {@link PortThief} processes, one as
 * the same user and one as another user, that try every kind of bind on the held ports
 * while they are held, handed off, served and after.
 */
@EnabledOnOs(OS.LINUX)
class HeldPortThiefTests {

	private static final Duration READY = Duration.ofSeconds(30);

	private static final byte[] GREETING = "OURS\n".getBytes(StandardCharsets.US_ASCII);

	@Test
	void noThiefTakesATcpPortWhileHeldHandedOffServedOrAfterAndClientsOnlyReachOurServer() throws Exception {
		assumeTrue(ChildJvm.isRoot(), "the other-uid thief needs root to switch users");
		try (PortReservation block = reserve(Protocol.TCP, 3)) {
			int served = block.firstPort();
			int guarded = served + 1;
			String ports = served + "," + guarded + "," + (served + 2);
			try (ChildJvm sameUser = PortThief.launch("steal", "tcp", "60000", ports).start();
					ChildJvm otherUser = PortThief.launch("steal", "tcp", "60000", ports).asNobody().start()) {
				assertThat(sameUser.nextLine(READY)).isEqualTo("READY");
				assertThat(otherUser.nextLine(READY)).isEqualTo("READY");
				List<long[]> windows = new ArrayList<>();
				int lost = 0;
				Client client = new Client(served);
				client.start();
				try {
					Thread.sleep(300); // held, never served yet
					for (int round = 0; round < 25; round++) {
						lost += handOffRound(block, served, guarded, windows);
					}
					Thread.sleep(300); // after: every lease closed, the block still held
				}
				finally {
					client.stop();
				}
				List<String> stolen = new ArrayList<>(successes(sameUser.finish(READY)));
				stolen.addAll(successes(otherUser.finish(READY)));
				System.out.println("TCP hand-offs: 50, lost to a thief (reported): " + lost + ", thief successes: "
						+ stolen + ", client: " + client);
				// Outside the microseconds of a hand-off no thief ever binds. Inside one,
				// a socket with SO_REUSEADDR may bind, or even bind and listen before our
				// listen(); the latter always fails that hand-off with BindLostException,
				// never silently. With the holder handed over, the only window left is a
				// re-listen past the TIME_WAIT our server's closes leave. Losses and
				// thief lines need not pair up: two thieves (IPv4 and IPv6) may listen in
				// one window, and a thief bound in the window can race our listen() so
				// that both listens fail (a loss, no thief line).
				assertThat(stolen).allMatch((line) -> line.contains("SO_REUSEADDR")
						&& (line.startsWith("STOLEN tcp") || line.startsWith("LISTENING")));
				assertWithinHandOffs(stolen, windows);
				long listened = stolen.stream().filter((line) -> line.startsWith("LISTENING")).count();
				assertThat(lost).as("hand-offs lost to a thief").isGreaterThanOrEqualTo((listened > 0) ? 1 : 0);
				assertThat(client.ours.get()).isGreaterThan(0);
				if (listened == 0) {
					assertThat(client.hung.get()).as("connections accepted by someone else").isZero();
					assertThat(client.foreign.get()).as("connections answered by someone else").isZero();
				}
			}
		}
	}

	@Test
	void noThiefTakesAUdpPortUnnoticedAndTheServerGetsEveryDatagram() throws Exception {
		assumeTrue(ChildJvm.isRoot(), "the other-uid thief needs root to switch users");
		try (PortReservation block = reserve(Protocol.UDP, 3)) {
			int wildcard = block.firstPort();
			int loopback = wildcard + 1;
			String ports = wildcard + "," + loopback + "," + (wildcard + 2);
			int handOffs = 0;
			int lost = 0;
			List<long[]> windows = new ArrayList<>();
			try (ChildJvm sameUser = PortThief.launch("steal", "udp", "60000", ports).start();
					ChildJvm otherUser = PortThief.launch("steal", "udp", "60000", ports).asNobody().start();
					DatagramChannel sender = DatagramChannel.open()) {
				assertThat(sameUser.nextLine(READY)).isEqualTo("READY");
				assertThat(otherUser.nextLine(READY)).isEqualTo("READY");
				Thread.sleep(200); // held, never served yet
				for (int round = 0; round < 20; round++) {
					int port = (round % 2 == 0) ? wildcard : loopback;
					InetAddress address = (round % 2 == 0) ? null : InetAddress.getByName("127.0.0.1");
					try (PortLease lease = block.lease(port, "dns")) {
						handOffs++;
						long start = System.currentTimeMillis();
						try (DatagramChannel server = openDatagramChannel(lease, address, windows, start)) {
							exchange(sender, server, "127.0.0.1", port, 20);
							if (address == null) {
								exchange(sender, server, "::1", port, 20);
							}
						}
						catch (BindLostException ex) {
							// a thief joined in the microseconds of the bind: reported,
							// never silent
							windows.add(new long[] { start, System.currentTimeMillis() });
							lost++;
							Thread.sleep(2 * PortThief.SQUAT_MILLIS);
						}
						Thread.sleep(10); // the server closed, the lease is open
					}
				}
				Thread.sleep(200); // after
				List<String> stolen = new ArrayList<>(successes(sameUser.finish(READY)));
				stolen.addAll(successes(otherUser.finish(READY)));
				System.out.println("UDP hand-offs: " + handOffs + ", lost to a joining thief (reported): " + lost
						+ ", thief successes: " + stolen);
				// every socket a thief got joined in a hand-off's window, and that
				// hand-off reported it
				assertThat(stolen).allMatch((line) -> line.startsWith("STOLEN udp") && line.contains("SO_REUSEADDR"));
				assertWithinHandOffs(stolen, windows);
				assertThat(lost).isBetween(stolen.isEmpty() ? 0 : 1, stolen.size());
			}
		}
	}

	private static DatagramChannel openDatagramChannel(PortLease lease, @Nullable InetAddress address,
			List<long[]> windows, long start) throws IOException {
		DatagramChannel channel = lease.openDatagramChannel(address);
		windows.add(new long[] { start, System.currentTimeMillis() });
		return channel;
	}

	/**
	 * Every thief success overlaps a hand-off call: the thief's attempt ran from
	 * {@code t0} to {@code t1} (it may have waited for the CPU in between), so the kernel
	 * granted it at some moment of that span, which must meet a window (1 ms of clock
	 * slack).
	 */
	private static void assertWithinHandOffs(List<String> successes, List<long[]> windows) {
		for (String success : successes) {
			String[] span = success.substring(success.lastIndexOf(" at ") + 4).split("\\.\\.");
			long from = Long.parseLong(span[0]);
			long to = Long.parseLong(span[1]);
			assertThat(windows).as("%s happened outside every hand-off", success)
				.anyMatch((window) -> from <= window[1] + 1 && to >= window[0] - 1);
		}
	}

	private static List<String> successes(List<String> output) {
		assertThat(output).anyMatch((line) -> line.startsWith("ATTEMPTS "));
		return output.stream().filter((line) -> line.startsWith("STOLEN") || line.startsWith("LISTENING")).toList();
	}

	private static void exchange(DatagramChannel sender, DatagramChannel server, String host, int port, int count)
			throws IOException {
		InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(host), port);
		for (int i = 0; i < count; i++) {
			String payload = host + "#" + i;
			sender.send(ByteBuffer.wrap(payload.getBytes(StandardCharsets.US_ASCII)), target);
			// times out if it went elsewhere
			byte[] received = HeldSocketReservationsTests.receive(server);
			assertThat(new String(received, StandardCharsets.US_ASCII)).isEqualTo(payload);
		}
	}

	/**
	 * One round: a server handed the served port, then a channel of the caller's bound to
	 * the guarded one, each timed into {@code windows}.
	 * @return the hand-offs lost (reported) in this round
	 */
	private static int handOffRound(PortReservation block, int served, int guarded, List<long[]> windows)
			throws Exception {
		int lost = 0;
		try (PortLease lease = block.lease(served, "server")) {
			long start = System.currentTimeMillis();
			try {
				ServerSocketChannel server = lease.openServerSocketChannel(null, 50);
				windows.add(new long[] { start, System.currentTimeMillis() });
				serveBriefly(server);
			}
			catch (BindLostException ex) {
				// a thief listened between our bind and our listen:
				// reported, never silent
				windows.add(new long[] { start, System.currentTimeMillis() });
				lost++;
				Thread.sleep(2 * PortThief.SQUAT_MILLIS);
			}
			Thread.sleep(20); // the server closed, the lease is open
		}
		try (PortLease lease = block.lease(guarded, "framework");
				ServerSocketChannel own = ServerSocketChannel.open()) {
			long start = System.currentTimeMillis();
			try {
				lease.bind(own, null, 50);
			}
			catch (BindLostException ex) {
				lost++;
				Thread.sleep(2 * PortThief.SQUAT_MILLIS);
			}
			windows.add(new long[] { start, System.currentTimeMillis() });
		}
		return lost;
	}

	private static void serveBriefly(ServerSocketChannel server) throws Exception {
		Thread acceptor = new Thread(() -> {
			try {
				while (true) {
					try (SocketChannel accepted = server.accept()) {
						accepted.write(ByteBuffer.wrap(GREETING));
					}
				}
			}
			catch (ClosedChannelException ex) {
				// the server was closed: done
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		acceptor.start();
		try {
			Thread.sleep(20);
		}
		finally {
			server.close();
			acceptor.join(5000);
		}
	}

	private static PortReservation reserve(Protocol protocol, int count) {
		return PortReservations.reserve(ReservationRequest.anyBlock(protocol, count), Backend.HELD_SOCKET);
	}

	/** Connects to the served port again and again, on IPv4 and IPv6 loopback. */
	private static final class Client implements Runnable {

		private final int port;

		private final AtomicBoolean running = new AtomicBoolean(true);

		final AtomicInteger ours = new AtomicInteger();

		final AtomicInteger refused = new AtomicInteger();

		final AtomicInteger hung = new AtomicInteger();

		final AtomicInteger foreign = new AtomicInteger();

		private final Thread thread = new Thread(this, "client");

		@Override
		public String toString() {
			return "ours=" + this.ours + " refused=" + this.refused + " hung=" + this.hung + " foreign=" + this.foreign;
		}

		Client(int port) {
			this.port = port;
		}

		void start() {
			this.thread.start();
		}

		void stop() throws InterruptedException {
			this.running.set(false);
			this.thread.join(10_000);
		}

		@Override
		public void run() {
			List<InetAddress> hosts = new ArrayList<>();
			hosts.add(InetAddress.getLoopbackAddress());
			try {
				hosts.add(InetAddress.getByName("::1"));
			}
			catch (IOException ex) {
				// IPv4 only
			}
			for (int i = 0; this.running.get() && i < 100_000; i++) {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress(hosts.get(i % hosts.size()), this.port), 1000);
					socket.setSoTimeout(1000);
					InputStream in = socket.getInputStream();
					byte[] answer = in.readNBytes(GREETING.length);
					if (answer.length == 0) {
						this.refused.incrementAndGet(); // reset while our server closed
					}
					else if (java.util.Arrays.equals(answer, GREETING)) {
						this.ours.incrementAndGet();
					}
					else {
						this.foreign.incrementAndGet();
					}
				}
				catch (ConnectException ex) {
					this.refused.incrementAndGet();
				}
				catch (SocketTimeoutException ex) {
					this.hung.incrementAndGet();
				}
				catch (IOException ex) {
					this.refused.incrementAndGet(); // reset by our closing server
				}
				try {
					Thread.sleep(1);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

	}

}
