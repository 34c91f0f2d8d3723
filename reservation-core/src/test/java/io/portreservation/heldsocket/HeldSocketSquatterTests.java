package io.portreservation.heldsocket;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.portreservation.Backend;
import io.portreservation.BlockUnavailableException;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.testfixtures.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link HeldSocketReservations} next to a socket another process bound with
 * {@code SO_REUSEADDR} before the reservation and never listened on: the port is not in
 * {@code TIME_WAIT}, so the holder's {@code SO_REUSEADDR} retry does not bind beside it
 * (the port is reported taken, a wildcard search passes over it) and the squatter keeps
 * its port. The squatter is python3, which (unlike the JDK) binds and listens in separate
 * calls.
 */
@EnabledOnOs(OS.LINUX)
class HeldSocketSquatterTests {

	private static final String SQUATTER = String.join("\n", "import socket, sys",
			"s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)",
			"s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)",
			"s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)", "s.bind(('::', int(sys.argv[1])))",
			"print('BOUND', flush=True)", "for line in sys.stdin:", "    try:", "        s.listen()",
			"        print('LISTENING', flush=True)", "    except OSError as e:",
			"        print('REFUSED', e.errno, flush=True)");

	@Test
	void aPortABoundSquatterHasIsReportedTakenNotJoined() throws Exception {
		assumeTrue(ChildJvm.commandExists("python3"), "the squatter is a python3 script");
		int port;
		try (PortReservation probe = reserve(ReservationRequest.anyBlock(Protocol.TCP, 1))) {
			port = probe.firstPort();
		}
		Process squatter = new ProcessBuilder("python3", "-c", SQUATTER, Integer.toString(port))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(squatter.getInputStream(), StandardCharsets.UTF_8));
				OutputStream in = squatter.getOutputStream()) {
			assertThat(out.readLine()).isEqualTo("BOUND");
			assertThatExceptionOfType(BlockUnavailableException.class)
				.isThrownBy(() -> reserve(ReservationRequest.of(Protocol.TCP, port, 1)).close())
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(BlockUnavailableException.Reason.PORT_TAKEN));
			// nothing of ours was bound beside it: it listens as it would have without us
			assertThat(tryListen(in, out)).isEqualTo("LISTENING");
		}
		finally {
			squatter.destroyForcibly();
			squatter.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static String tryListen(OutputStream in, BufferedReader out) throws Exception {
		in.write("listen\n".getBytes(StandardCharsets.US_ASCII));
		in.flush();
		return out.readLine();
	}

	private static PortReservation reserve(ReservationRequest request) {
		return PortReservations.reserve(request, Backend.HELD_SOCKET);
	}

}
