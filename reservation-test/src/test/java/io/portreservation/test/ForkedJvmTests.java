package io.portreservation.test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.testfixtures.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.discovery.DiscoverySelectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two forked test JVMs using the extension at once (as surefire's {@code forkCount} or
 * two builds on one machine do) never hold the same port: each child runs a test class
 * through the Jupiter engine and reports the ports it holds while it holds them, and this
 * JVM's plain binds of those ports fail.
 */
class ForkedJvmTests {

	private static final int FORKS = 2;

	@Test
	void twoForkedJvmsNeverShareAPort() throws Exception {
		List<ChildJvm> children = new ArrayList<>();
		try {
			for (int i = 0; i < FORKS; i++) {
				// the JVM's defaults: each child runs the Jupiter engine as a forked test
				// JVM does
				children.add(ChildJvm.launch(Child.class).standardJvm().start());
			}
			List<List<Integer>> held = new ArrayList<>();
			for (ChildJvm child : children) {
				held.add(portsOf(child));
			}
			// Both children hold their ports now: they wait for their input to close.
			List<Integer> all = held.stream().flatMap(List::stream).toList();
			assertThat(held).allSatisfy((ports) -> assertThat(ports).hasSize(Child.PORTS + 1));
			assertThat(all).doesNotHaveDuplicates();
			assertThat(all).allSatisfy((port) -> assertThat(Sockets.tcpFree(port)).as("port %d", port).isFalse());
			for (ChildJvm child : children) {
				child.finish(Duration.ofSeconds(30));
				assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
				assertThat(child.process().exitValue()).isZero();
			}
		}
		finally {
			for (ChildJvm child : children) {
				child.close();
			}
		}
	}

	/** The ports a child reports, waiting at most 60 s for each line. */
	private static List<Integer> portsOf(ChildJvm child) throws InterruptedException {
		while (true) {
			String line = child.nextLine(Duration.ofSeconds(60));
			if (line.startsWith("PORTS ")) {
				return Arrays.stream(line.substring(6).split(",")).map(Integer::valueOf).toList();
			}
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
