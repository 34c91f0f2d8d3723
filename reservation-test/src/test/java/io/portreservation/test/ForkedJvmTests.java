package io.portreservation.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.discovery.DiscoverySelectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two forked test JVMs using the extension at once (as surefire's {@code forkCount} or
 * two builds on one machine do) never hold the same port: each child runs a test class
 * through the Jupiter engine and reports the ports it holds while it holds them, and
 * this JVM's plain binds of those ports fail.
 */
class ForkedJvmTests {

	private static final int FORKS = 2;

	@Test
	void twoForkedJvmsNeverShareAPort() throws Exception {
		List<Process> children = new ArrayList<>();
		try {
			for (int i = 0; i < FORKS; i++) {
				children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-cp", System.getProperty("java.class.path"), Child.class.getName())
					.redirectError(ProcessBuilder.Redirect.INHERIT)
					.start());
			}
			List<List<Integer>> held = new ArrayList<>();
			for (Process child : children) {
				held.add(CompletableFuture.supplyAsync(() -> portsOf(child)).get(60, TimeUnit.SECONDS));
			}
			// Both children hold their ports now: they wait for their input to close.
			List<Integer> all = held.stream().flatMap(List::stream).toList();
			assertThat(held).allSatisfy((ports) -> assertThat(ports).hasSize(Child.PORTS + 1));
			assertThat(all).doesNotHaveDuplicates();
			assertThat(all).allSatisfy((port) -> assertThat(Sockets.tcpFree(port)).as("port %d", port).isFalse());
			for (Process child : children) {
				child.getOutputStream().close();
				assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
				assertThat(child.exitValue()).isZero();
			}
		}
		finally {
			children.forEach(Process::destroyForcibly);
		}
	}

	private static List<Integer> portsOf(Process child) {
		try {
			BufferedReader out = new BufferedReader(
					new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				if (line.startsWith("PORTS ")) {
					return Arrays.stream(line.substring(6).split(",")).map(Integer::valueOf).toList();
				}
			}
			throw new IllegalStateException("the child exited without reporting its ports");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A forked test JVM: runs {@link Holding} and exits 0 if it passed. */
	static final class Child {

		static final int PORTS = 32;

		public static void main(String[] args) {
			long failed = FixtureCondition.engine()
				.selectors(DiscoverySelectors.selectClass(Holding.class))
				.execute()
				.testEvents()
				.failed()
				.count();
			System.exit((failed == 0) ? 0 : 1);
		}

	}

	/** Holds a block and a lease, reports them, and keeps them until its input closes. */
	@ExtendWith(PortReservationExtension.class)
	@Fixture
	static class Holding {

		@ReservedBlock(ports = Child.PORTS)
		static PortReservation block;

		@Test
		void holdUntilTold(PortLease lease) throws IOException {
			List<String> ports = new ArrayList<>();
			for (int port = block.firstPort(); port <= block.lastPort(); port++) {
				ports.add(Integer.toString(port));
			}
			ports.add(Integer.toString(lease.port()));
			System.out.println("PORTS " + String.join(",", ports));
			System.out.flush();
			while (System.in.read() != -1) {
				// held until the parent closes our input
			}
		}

	}

}
