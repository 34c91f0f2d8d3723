package io.portreservation.windows;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WinsockFacts}, the recorder the Windows workflow runs: under each
 * plausible answer to a not-yet-measured question of docs/windows.md (a setting of the
 * stand-in), it records exactly that answer, each answer agrees with the return value of
 * the call behind it, and the backend still works. The stand-in leaves a failure's WSA
 * code where JNA saves it and answers 0 from {@code WSAGetLastError()}, as JNA on Windows
 * does, so a recorder reading the error the wrong way fails here. What Windows itself
 * answers is not proven here.
 */
@Tag("winsock-stand-in")
class WinsockFactsStandInTests {

	@AfterEach
	void resetStandIn() {
		StandIn.reset();
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					unassociated_bind | eacces     | bind of a socket not associated, same process, into the TCP block | WSAEACCES (10013)
					unassociated_bind | eaddrinuse | bind of a socket not associated, same process, into the UDP block | WSAEADDRINUSE (10048)
					unassociated_bind | allow      | bind of a socket not associated, same process, into the TCP block | succeeds
					unassociated_bind | eacces     | bind of a dual-stack socket (not associated) into a block acquired on AF_INET | WSAEACCES (10013)
					outside_bind      | einval     | bind of an associated socket to a port outside the block          | WSAEINVAL (10022)
					outside_bind      | allow      | bind of an associated socket to a port outside the block          | succeeds
					exhausted_bind    | eaddrinuse | bind(port 0) of an associated socket, block exhausted             | WSAEADDRINUSE (10048)
					exhausted_bind    | enobufs    | bind(port 0) of an associated socket, block exhausted             | WSAENOBUFS (10055)
					after_bind        | einval     | ASSOCIATE after bind                                              | WSAEINVAL (10022)
					after_bind        | allow      | ASSOCIATE after bind                                              | succeeds
					overlap_acquire   | eaddrinuse | ACQUIRE overlapping this process's block                          | WSAEADDRINUSE (10048)
					overlap_acquire   | eacces     | ACQUIRE overlapping this process's block                          | WSAEACCES (10013)
					cross_family      | einval     | ASSOCIATE of an AF_INET socket with a token acquired on AF_INET6 | WSAEINVAL (10022)
					cross_family      | allow      | ASSOCIATE of an AF_INET socket with a token acquired on AF_INET6 | succeeds
					bytes_returned    | 0          | ASSOCIATE bytesReturned                                           | 0
					bytes_returned    | 8          | RELEASE bytesReturned                                             | 8
					""")
	void recordsTheAnswerTheStandInIsSetTo(String setting, String value, String question, String answer)
			throws Exception {
		StandIn.set(setting, value);
		WinsockFacts recorded = WinsockFacts.record(false);
		Map<String, String> facts = recorded.answers();
		assertThat(facts).containsEntry(question, answer);
		assertEveryAnswerAgreesWithItsReturnValue(recorded);
		assertThat(facts).containsEntry("ACQUIRE bytesReturned", "16")
			.containsEntry("bind(port 0) of the first associated socket, block of 1", "succeeds");
		// whatever the answer, the backend's own flow is unchanged
		new WinsockReservationsStandInTests().tcpHandOffServesAndThePortStaysReservedAfterTheServerCloses();
	}

	/**
	 * Every answer from a native call says "succeeds" exactly when the return value said
	 * so, and a failure names a non-zero code.
	 */
	static void assertEveryAnswerAgreesWithItsReturnValue(WinsockFacts recorded) {
		assertThat(recorded.outcomes()).isNotEmpty();
		recorded.outcomes().forEach((question, outcome) -> {
			assertThat(recorded.answers().get(question)).as(question).isEqualTo(outcome.describe());
			if (outcome.failed()) {
				assertThat(outcome.code()).as("error code of a refused call: %s", question).isNotZero();
				assertThat(recorded.answers().get(question)).as(question).isNotEqualTo("succeeds");
			}
			else {
				assertThat(recorded.answers().get(question)).as(question).isEqualTo("succeeds");
			}
		});
	}

	/**
	 * Proves the persistent-reservation recorder the workflow runs elevated works end to
	 * end (create, serve from it, bind from this and another process, delete). The
	 * stand-in's persistent reservations hold no ports, so its binds succeed; what
	 * Windows answers is what the workflow records.
	 */
	@Test
	void recordsWhatAPersistentReservationRefuses() throws Exception {
		StandIn.set("elevated", "1");
		Map<String, Outcome> outcomes = PersistentFacts.measure();
		assertThat(outcomes).hasSize(2 + 9).containsEntry("the backend serves a leased port of it", Outcome.SUCCEEDED);
		outcomes
			.forEach((question, outcome) -> assertThat(outcome.failed() && outcome.code() == 0).as(question).isFalse());
	}

	/**
	 * Proves the recorder's other-process and guarantee measurements run end to end for
	 * both holder designs (a second JVM, every family and option) and record the
	 * stand-in's answers; what Windows answers is what the workflow records.
	 */
	@Test
	void recordsWhatAnotherProcessGets() throws Exception {
		WinsockFacts recorded = WinsockFacts.record(true);
		Map<String, String> facts = recorded.answers();
		// on the stand-in the block is held by real Linux sockets, so another process
		// gets "in use"
		assertThat(facts).containsEntry("bind of a socket in another process into the TCP block",
				"WSAEADDRINUSE (10048)");
		for (String design : new String[] { "unbound", "bound" }) {
			assertThat(facts).containsEntry("holder=" + design + ": a second socket of this process, dual-stack, plain",
					"WSAEACCES (10013)");
			for (String family : new String[] { "IPv4", "IPv6", "dual-stack" }) {
				for (String option : new String[] { "plain", "SO_REUSEADDR", "SO_EXCLUSIVEADDRUSE" }) {
					assertThat(facts).containsEntry("holder=" + design + ": another process, " + family + ", " + option,
							"WSAEADDRINUSE (10048)");
				}
			}
		}
		assertEveryAnswerAgreesWithItsReturnValue(recorded);
	}

}
