package io.portreservation.windows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WinsockReservationSample} against the stand-in.
 */
@Tag("winsock-stand-in")
class WinsockReservationSampleTests {

	/**
	 * The sample program, against the stand-in, prints each documented step and binds its
	 * second socket on a port inside the reservation.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "tcp", "udp" })
	void printsTheDocumentedStepsAndBindsTheSecondSocketInsideTheReservation(String protocol) throws Exception {
		assertSampleRuns(protocol);
	}

	static void assertSampleRuns(String protocol) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int status = WinsockReservationSample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), protocol, "0",
				"20");
		String output = bytes.toString(StandardCharsets.UTF_8);
		assertThat(status).as(output).isZero();
		assertThat(output).contains("socket function succeeded", "WSAIoctl(SIO_ACQUIRE_PORT_RESERVATION) succeeded",
				"Number of Ports=20", "socket function for second socket succeeded",
				"WSAIoctl(SIO_ASSOCIATE_PORT_RESERVATION) on the second socket succeeded", "bind succeeded",
				"(inside the reservation)", "WSAIoctl(SIO_RELEASE_PORT_RESERVATION) succeeded");
	}

}
