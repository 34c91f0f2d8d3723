package io.portreservation.boot.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.portreservation.LeaseInfo;
import io.portreservation.PortReservation;
import io.portreservation.boot.BlockSummary;
import io.portreservation.boot.PortAllocator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the application's reserved port blocks. {@link Status#UP} while every block
 * is held and every lease that was seen bound is still bound; {@link Status#DOWN} when a
 * block was lost (its holding socket closed, for example) or a leased server socket is no
 * longer bound; {@link #LOW_PORTS} when a low-water mark is set and a block has fewer
 * free ports than that.
 *
 * <p>
 * {@code LOW_PORTS} is not in Spring Boot's default status order and is therefore left
 * out of the aggregate status (and answered with HTTP 200), so a busy block never makes
 * an orchestrator restart the application. A lease that was never bound (a port taken
 * only to be told its number) does not count as lost.
 */
public class PortReservationHealthIndicator extends AbstractHealthIndicator {

	/** A block has fewer free ports than the configured low-water mark. */
	public static final Status LOW_PORTS = new Status("LOW_PORTS", "Few free ports left in a reserved block");

	private static final Log logger = LogFactory.getLog(PortReservationHealthIndicator.class);

	private final PortAllocator allocator;

	private final @Nullable Integer lowWaterMark;

	/**
	 * Leases seen bound by an earlier check, so that a lost bind can be told from no
	 * bind.
	 */
	private final Set<SeenLease> seenBound = ConcurrentHashMap.newKeySet();

	/**
	 * Create an indicator.
	 * @param allocator the allocator whose blocks are checked
	 * @param lowWaterMark the free-port count below which a block reports
	 * {@link #LOW_PORTS}, or {@code null} for none
	 */
	public PortReservationHealthIndicator(PortAllocator allocator, @Nullable Integer lowWaterMark) {
		super("Port reservation health check failed");
		this.allocator = allocator;
		this.lowWaterMark = lowWaterMark;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Object> blocks = new LinkedHashMap<>();
		Set<SeenLease> current = new HashSet<>();
		boolean down = false;
		boolean low = false;
		for (Map.Entry<String, PortReservation> entry : this.allocator.blocks().entrySet()) {
			String name = entry.getKey();
			PortReservation block = entry.getValue();
			List<LeaseInfo> leases = block.leases();
			List<Integer> unbound = lostBinds(name, leases, current);
			int free = block.freeCount();
			boolean valid = block.isValid();
			if (!valid) {
				logger.warn("The " + block + " named '" + name + "' is no longer held; other processes may take its "
						+ block.count() + " port(s)");
			}
			if (!unbound.isEmpty()) {
				logger.warn("Leased port(s) " + unbound + " of the block '" + name + "' are no longer bound");
			}
			if (this.lowWaterMark != null && free < this.lowWaterMark) {
				logger.warn("The block '" + name + "' has " + free + " free port(s) of " + block.count()
						+ ", fewer than the low-water mark of " + this.lowWaterMark);
				low = true;
			}
			down |= !valid || !unbound.isEmpty();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("ports", BlockSummary.ports(block).toString());
			details.put("protocol", block.protocol().toString());
			details.put("valid", valid);
			details.put("free", free);
			details.put("leased", leases.size());
			details.put("unboundLeases", unbound);
			blocks.put(name, details);
		}
		this.seenBound.retainAll(current);
		builder.status(down ? Status.DOWN : low ? LOW_PORTS : Status.UP).withDetail("blocks", blocks);
		if (this.lowWaterMark != null) {
			builder.withDetail("lowWaterMark", this.lowWaterMark);
		}
	}

	private List<Integer> lostBinds(String blockName, List<LeaseInfo> leases, Set<SeenLease> current) {
		List<Integer> lost = new ArrayList<>();
		for (LeaseInfo lease : leases) {
			SeenLease key = new SeenLease(blockName, lease.port(), lease.since());
			current.add(key);
			if (lease.bound()) {
				this.seenBound.add(key);
			}
			else if (this.seenBound.contains(key)) {
				lost.add(lease.port());
			}
		}
		return lost;
	}

	/** One lease, told apart from a later lease of the same port by when it was taken. */
	private record SeenLease(String block, int port, Instant since) {
	}

}
