package io.portreservation.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * {@link InfoContributor} that adds a {@code portReservation} entry with a summary of
 * each reserved block: its ports, protocol, backend and how many ports are free.
 */
public class PortReservationInfoContributor implements InfoContributor {

	private final PortAllocator allocator;

	/**
	 * Create a contributor.
	 * @param allocator the allocator whose blocks are summarized
	 */
	public PortReservationInfoContributor(PortAllocator allocator) {
		this.allocator = allocator;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> blocks = new LinkedHashMap<>();
		this.allocator.blocks().forEach((name, block) -> blocks.put(name, summarize(block)));
		builder.withDetail("portReservation", blocks);
	}

	private static Map<String, Object> summarize(PortReservation block) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("protocol", block.protocol().toString());
		summary.put("firstPort", block.firstPort());
		summary.put("lastPort", block.lastPort());
		summary.put("count", block.count());
		summary.put("free", block.freeCount());
		summary.put("backend", block.backend().id());
		summary.put("valid", block.isValid());
		return summary;
	}

}
