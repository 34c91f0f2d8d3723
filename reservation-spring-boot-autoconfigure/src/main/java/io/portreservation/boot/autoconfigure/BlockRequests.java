package io.portreservation.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portreservation.Backend;
import io.portreservation.PortRange;
import io.portreservation.PortReservationException;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationArgument;
import io.portreservation.ReservationRequest;
import io.portreservation.WildcardSearch;
import io.portreservation.boot.BlockSummary;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.diagnostics.BlockReservationException;
import io.portreservation.boot.diagnostics.DescriptorBudget;
import io.portreservation.boot.diagnostics.OverlappingBlocksException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Turns the properties into one request per block, and refuses, before anything is
 * reserved, what cannot work: blocks of this application that overlap, and blocks that
 * would leave the process without file descriptors. Blocks on privileged ports are
 * reserved with a warning.
 */
final class BlockRequests {

	private static final Log logger = LogFactory.getLog(BlockRequests.class);

	/** The first port that is not a well-known (privileged) port. */
	private static final int FIRST_UNPRIVILEGED_PORT = 1024;

	private BlockRequests() {
	}

	/**
	 * The requests of every configured block, the default block first.
	 * @param properties the properties
	 * @return the requests by block name
	 * @throws BlockReservationException if a block's properties make no valid request
	 * @throws OverlappingBlocksException if two fixed blocks share a port
	 * @throws io.portreservation.boot.diagnostics.DescriptorLimitException if holding the
	 * blocks would leave the process too few file descriptors
	 */
	static Map<String, ReservationRequest> of(PortReservationProperties properties) {
		Map<String, BlockProperties> blocks = new LinkedHashMap<>();
		blocks.put(PortAllocator.DEFAULT_BLOCK, properties);
		blocks.putAll(properties.getBlocks());
		WildcardSearch search = properties.toWildcardSearch();
		Map<String, ReservationRequest> requests = new LinkedHashMap<>();
		blocks.forEach((name, block) -> requests.put(name, request(name, block, properties, search)));
		checkOverlaps(requests);
		WildcardSearch avoidingOwn = avoidFixedBlocks(search, requests);
		requests.replaceAll((name, request) -> request.isWildcard() ? request.withSearch(avoidingOwn) : request);
		requests.forEach(BlockRequests::warnIfPrivileged);
		if (PortReservations.resolve(properties.getBackend()) == Backend.HELD_SOCKET) {
			DescriptorBudget.check(requests);
		}
		return requests;
	}

	private static ReservationRequest request(String name, BlockProperties block, PortReservationProperties common,
			WildcardSearch search) {
		try {
			return new ReservationRequest(block.getProtocol(), block.getStartPort(), block.getPortCount(),
					common.getAcquireTimeout(), false, search);
		}
		catch (PortReservationException ex) {
			throw new BlockReservationException(name, null, ex);
		}
	}

	private static void checkOverlaps(Map<String, ReservationRequest> requests) {
		List<Map.Entry<String, ReservationRequest>> fixed = requests.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().isWildcard())
			.toList();
		for (int i = 0; i < fixed.size(); i++) {
			for (int j = i + 1; j < fixed.size(); j++) {
				ReservationRequest first = fixed.get(i).getValue();
				ReservationRequest second = fixed.get(j).getValue();
				PortRange firstPorts = BlockSummary.ports(first);
				PortRange secondPorts = BlockSummary.ports(second);
				if (sharesProtocol(first.protocol(), second.protocol()) && firstPorts.overlaps(secondPorts)) {
					PortRange overlap = new PortRange(Math.max(firstPorts.first(), secondPorts.first()),
							Math.min(firstPorts.last(), secondPorts.last()));
					throw new OverlappingBlocksException(fixed.get(i).getKey(), first, fixed.get(j).getKey(), second,
							overlap);
				}
			}
		}
	}

	private static WildcardSearch avoidFixedBlocks(WildcardSearch search, Map<String, ReservationRequest> requests) {
		List<PortRange> skipped = new ArrayList<>(search.skipPorts());
		requests.values()
			.stream()
			.filter((request) -> !request.isWildcard())
			.map(BlockSummary::ports)
			.forEach(skipped::add);
		return new WildcardSearch(search.range(), skipped);
	}

	private static void warnIfPrivileged(String name, ReservationRequest request) {
		if (!request.isWildcard() && request.startPort() < FIRST_UNPRIVILEGED_PORT) {
			PortRange ports = BlockSummary.ports(request);
			logger.warn("The port block '" + name + "' ("
					+ PortReservationProperties.propertyName(name, ReservationArgument.START_PORT) + "="
					+ request.startPort() + ") holds privileged " + request.protocol() + " ports " + ports + ", below "
					+ FIRST_UNPRIVILEGED_PORT
					+ ": binding them needs root or CAP_NET_BIND_SERVICE, and system services expect them free. "
					+ "Choose a start port of " + FIRST_UNPRIVILEGED_PORT + " or above unless this is intended.");
		}
	}

	private static boolean sharesProtocol(Protocol first, Protocol second) {
		return (first.includesTcp() && second.includesTcp()) || (first.includesUdp() && second.includesUdp());
	}

}
