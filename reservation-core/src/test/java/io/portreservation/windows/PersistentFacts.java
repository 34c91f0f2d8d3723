package io.portreservation.windows;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.portreservation.Backend;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;

/**
 * What a persistent TCP reservation refuses, for the Windows workflow (which runs
 * elevated): it creates one on a block found free, lets the backend serve from it, lets a
 * second socket of this process and another process (every family and option of
 * {@link GuaranteeFacts}) bind its first port unassociated, then deletes it. Prints the
 * answers and writes them to {@code target/winsock-facts-persistent.txt}.
 */
public final class PersistentFacts {

	private PersistentFacts() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, Outcome> outcomes = measure();
		String report = outcomes.entrySet()
			.stream()
			.map((entry) -> "persistent: " + entry.getKey() + ": " + entry.getValue().describe())
			.collect(Collectors.joining(System.lineSeparator()));
		System.out.println(report);
		Files.writeString(Path.of("target", "winsock-facts-persistent.txt"), report + System.lineSeparator(),
				StandardCharsets.UTF_8);
	}

	static Map<String, Outcome> measure() throws Exception {
		Winsock winsock = Winsock.get();
		int start;
		try (PortReservation probe = PortReservations.reserve(ReservationRequest.anyBlock(Protocol.TCP, 4),
				Backend.WINSOCK)) {
			start = probe.firstPort();
		}
		Map<String, Outcome> outcomes = new LinkedHashMap<>();
		PersistentReservations.create(Protocol.TCP, start, 4);
		try {
			try (PortReservation block = PortReservations.reserve(ReservationRequest.persistent(Protocol.TCP, start, 4),
					Backend.WINSOCK);
					PortLease lease = block.lease("persistent-facts");
					ServerSocketChannel server = lease.openServerSocketChannel(null, 0)) {
				boolean inside = ((InetSocketAddress) server.getLocalAddress()).getPort() == lease.port()
						&& lease.port() >= start && lease.port() < start + 4;
				outcomes.put("the backend serves a leased port of it", inside ? Outcome.SUCCEEDED : Outcome.failed(-1));
			}
			outcomes.put("a second socket of this process, dual-stack, plain",
					GuaranteeFacts.bind(winsock, "dual-stack", "plain", start + 1));
			GuaranteeFacts.otherProcess(start + 1).forEach((line) -> {
				String[] result = line.split(" ");
				outcomes.put("another process, " + result[1] + ", " + result[2],
						new Outcome(Boolean.parseBoolean(result[3]), Integer.parseInt(result[4])));
			});
		}
		finally {
			PersistentReservations.delete(Protocol.TCP, start, 4);
		}
		return outcomes;
	}

}
