package io.portreservation.windows;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.portreservation.Backend;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.testfixtures.ChildJvm;
import io.portreservation.testfixtures.PortThief;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process that holds a Winsock block and exits without closing it: the JVM's shutdown
 * releases it with SIO_RELEASE_PORT_RESERVATION (the stand-in traces the call), and the
 * ports are free afterwards.
 */
@Tag("winsock-stand-in")
class WinsockShutdownStandInTests {

	/**
	 * A child JVM on the stand-in that exits without closing its block releases it from
	 * the shutdown hook (the stand-in traces ACQUIRE then RELEASE), and a second process
	 * can then bind every port.
	 */
	@Test
	void jvmShutdownReleasesABlockThatWasNeverClosed() throws Exception {
		String nativeDir = System.getProperty("jna.library.path");
		try (ChildJvm child = ChildJvm.launch(HoldAndExit.class)
			.standardJvm()
			.mergeStderr()
			.jvmArgs("-Djna.library.path=" + nativeDir, "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED")
			.env("LD_PRELOAD", new File(nativeDir, "libws2_32.so").getAbsolutePath())
			.env("WS2_STANDIN_TRACE", "1")
			.start()) {
			List<String> output = child.finish(Duration.ofSeconds(60));
			assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).as("the child exits").isTrue();
			assertThat(child.process().exitValue()).as(output.toString()).isZero();
			String held = output.stream().filter((line) -> line.startsWith("HELD ")).findFirst().orElseThrow();
			assertThat(output).containsSubsequence("ws2_32 stand-in: SIO_ACQUIRE_PORT_RESERVATION succeeded", held,
					"ws2_32 stand-in: SIO_RELEASE_PORT_RESERVATION succeeded");
			String[] ports = held.split(" ");
			int first = Integer.parseInt(ports[1]);
			assertThat(PortThief.sweep("tcp", first, first + 3)).hasSize(2 * 8);
		}
	}

	/** The child: reserve, serve on a lease, return without closing anything. */
	static final class HoldAndExit {

		public static void main(String[] args) throws Exception {
			PortReservation block = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 4),
					Backend.WINSOCK);
			PortLease lease = block.lease("forgotten");
			lease.openServerSocketChannel(null, 0);
			System.out.println("HELD " + block.firstPort() + " " + block.lastPort());
			System.out.flush();
		}

	}

}
