package io.portreservation.boot.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portreservation.Backend;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import io.portreservation.boot.BlockPortAllocator;
import io.portreservation.boot.PortAllocatorListener;

/**
 * Real allocators over real blocks of the platform's backend ({@code auto}: held sockets
 * on Linux and macOS, Winsock on Windows), any free ports, for the actuator tests.
 */
public final class TestAllocators {

	/**
	 * The id of the backend {@code auto} resolves to here, as the actuator reports it.
	 */
	public static final String BACKEND = PortReservations.resolve(Backend.AUTO).id();

	private TestAllocators() {
	}

	/**
	 * Reserve TCP blocks.
	 * @param listeners told of each acquisition and refused lease
	 * @param namesAndCounts block name, port count, block name, port count...
	 * @return the allocator; close it after the test
	 */
	public static BlockPortAllocator tcp(List<PortAllocatorListener> listeners, Object... namesAndCounts) {
		Map<String, ReservationRequest> requests = new LinkedHashMap<>();
		for (int i = 0; i < namesAndCounts.length; i += 2) {
			requests.put((String) namesAndCounts[i],
					ReservationRequest.anyBlock(Protocol.TCP, (Integer) namesAndCounts[i + 1]));
		}
		return BlockPortAllocator.reserve(requests, Backend.AUTO, listeners);
	}

}
