package io.portreservation.heldsocket;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.example.app.ForgetfulApplication;
import io.portreservation.Backend;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for leases of a {@link HeldSocketReservation}: many threads at once, and leases
 * that are never closed.
 */
@EnabledOnOs(OS.LINUX) // counts /proc/self/fd
class HeldSocketLeaseTests {

	@Test
	void leasesTakenAndClosed100000TimesFrom16ThreadsNeverShareAPortNorLeakADescriptor() throws Exception {
		try (PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP_UDP, 32),
				Backend.HELD_SOCKET)) {
			warmUp(block);
			long descriptors = HeldSocketArgumentTests.openDescriptors();
			assertThat(socketsOn(block)).isEqualTo(2 * 32);
			ConcurrentHashMap<Integer, String> holders = new ConcurrentHashMap<>();
			AtomicInteger conflicts = new AtomicInteger();
			AtomicInteger handOffs = new AtomicInteger();
			ExecutorService threads = Executors.newFixedThreadPool(16);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (int t = 0; t < 16; t++) {
					String name = "thread-" + t;
					done.add(threads.submit(() -> {
						for (int i = 0; i < 100_000 / 16; i++) {
							try (PortLease lease = block.lease(name)) {
								if (holders.putIfAbsent(lease.port(), name) != null) {
									conflicts.incrementAndGet();
								}
								if (i % 500 == 0) {
									// now and then a real hand-off, concurrent with other
									// threads' leases
									handOffs.incrementAndGet();
									ServerSocketChannel tcp = lease.openServerSocketChannel(null, 0);
									DatagramChannel udp = lease.openDatagramChannel(null);
									assertThat(tcp.isOpen() && udp.isOpen()).isTrue();
								}
								holders.remove(lease.port(), name);
							}
						}
						return null;
					}));
				}
				for (Future<?> future : done) {
					future.get(60, TimeUnit.SECONDS);
				}
			}
			finally {
				threads.shutdownNow();
			}
			assertThat(conflicts).hasValue(0);
			assertThat(handOffs.get()).isEqualTo(16 * 13);
			assertThat(block.freeCount()).isEqualTo(32);
			assertThat(block.leases()).isEmpty();
			// exactly the holders are left on the block's ports, and nothing else was
			// left open
			assertThat(socketsOn(block)).isEqualTo(2 * 32);
			assertThat(HeldSocketArgumentTests.openDescriptors()).isLessThanOrEqualTo(descriptors);
			HeldSocketReservationsTests.assertTcpBindRefused(block.firstPort());
			HeldSocketReservationsTests.assertUdpBindRefused(block.lastPort());
		}
	}

	@Test
	void aLeaseNeverClosedIsReportedWithItsCallerAndReturnedToTheBlock() throws Exception {
		PrintStream original = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		try (PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 1),
				Backend.HELD_SOCKET)) {
			System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
			int port = ForgetfulApplication.takeAndForget(block);
			for (int i = 0; i < 200 && block.freeCount() == 0; i++) {
				System.gc();
				Thread.sleep(20);
			}
			assertThat(block.freeCount()).isEqualTo(1);
			assertThat(captured.toString(StandardCharsets.UTF_8))
				.contains("The lease of port " + port + " ('forgotten') from the " + block + " was never closed")
				.contains(
						"It was taken at com.example.app.ForgetfulApplication.takeAndForget(ForgetfulApplication.java:");
			HeldSocketReservationsTests.assertTcpBindRefused(port);
		}
		finally {
			System.setErr(original);
		}
	}

	/** The descriptors of this process whose socket is bound to a port of the block. */
	private static int socketsOn(PortReservation block) throws Exception {
		int sockets = 0;
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			for (Path fd : fds.toList()) {
				int port = SocketCalls.get().boundPort(Integer.parseInt(fd.getFileName().toString()));
				sockets += block.contains(port) ? 1 : 0;
			}
		}
		return sockets;
	}

	private static void warmUp(PortReservation block) throws Exception {
		try (PortLease lease = block.lease("warm-up")) {
			lease.openServerSocketChannel(null, 0);
			lease.openDatagramChannel(null);
		}
	}

}
