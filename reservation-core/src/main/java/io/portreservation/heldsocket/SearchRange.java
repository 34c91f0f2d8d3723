package io.portreservation.heldsocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.portreservation.InvalidReservationArgumentException;
import io.portreservation.PortRange;
import io.portreservation.ReservationArgument;
import io.portreservation.ReservationRequest;
import io.portreservation.WildcardSearch;
import org.jspecify.annotations.Nullable;

/**
 * The first ports a wildcard block may start at, and the order they are tried in. A block
 * lies inside the request's search range, covers no port to skip and stays out of the
 * kernel's ephemeral range, so that no {@code bind(0)} or outgoing connection competes
 * for its ports. The ports below the ephemeral range are searched first; only when they
 * cannot hold the block are those above it searched (a machine whose ephemeral range
 * starts low, such as {@code 1024 1100}). Linux says where its range lies in
 * {@code /proc/sys/net/ipv4/ip_local_port_range}; elsewhere the IANA range (49152-65535)
 * is assumed.
 *
 * <p>
 * Starts are tried from a random one upwards, wrapping once: a busy port {@code p} moves
 * the next try to the first start above {@code p}, so each start is tried at most once.
 */
final class SearchRange {

	/** The first port that is not a well-known (privileged) port. */
	static final int FIRST_REGISTERED_PORT = 1024;

	/** The ephemeral range unless the kernel says otherwise (RFC 6335). */
	static final PortRange IANA_EPHEMERAL = new PortRange(49152, 65535);

	/** The intervals of valid first ports, in ascending order. */
	private final List<PortRange> starts;

	private final PortRange searched;

	private int origin = -1;

	private boolean wrapped;

	private SearchRange(List<PortRange> starts, PortRange searched) {
		this.starts = starts;
		this.searched = searched;
	}

	/**
	 * Where a wildcard block of a request may land on this machine.
	 * @param request the wildcard request
	 * @return the starts to try
	 * @throws InvalidReservationArgumentException naming the search range (or the ports
	 * to skip) and a range that would hold the block, if none can
	 */
	static SearchRange forRequest(ReservationRequest request) {
		return plan(request.search(), request.count(), ephemeralRange());
	}

	/**
	 * Where a block of {@code count} ports may land.
	 * @param search the range searched and the ports skipped
	 * @param count the block's size
	 * @param ephemeral the kernel's ephemeral range
	 * @return the starts to try
	 * @throws InvalidReservationArgumentException if no block fits, saying what would
	 */
	static SearchRange plan(WildcardSearch search, int count, PortRange ephemeral) {
		SearchRange range = find(search, count, ephemeral);
		if (range == null) {
			throw noRoom(search, count, ephemeral);
		}
		return range;
	}

	private static @Nullable SearchRange find(WildcardSearch search, int count, PortRange ephemeral) {
		PortRange range = search.range();
		PortRange below = (range.first() < ephemeral.first())
				? new PortRange(range.first(), Math.min(range.last(), ephemeral.first() - 1)) : null;
		PortRange above = (range.last() > ephemeral.last())
				? new PortRange(Math.max(range.first(), ephemeral.last() + 1), range.last()) : null;
		for (PortRange part : new PortRange[] { below, above }) {
			List<PortRange> starts = starts(part, search.skipPorts(), count);
			if (!starts.isEmpty()) {
				return new SearchRange(starts, part);
			}
		}
		return null;
	}

	/**
	 * The first start to try, chosen at random so that concurrent searches spread out.
	 * @return a first port
	 */
	int first() {
		long total = 0;
		// a loop, not a stream: the first reservation pays for each new lambda
		for (PortRange interval : this.starts) {
			total += interval.size();
		}
		long pick = ThreadLocalRandom.current().nextLong(total);
		for (PortRange interval : this.starts) {
			if (pick < interval.size()) {
				this.origin = interval.first() + (int) pick;
				return this.origin;
			}
			pick -= interval.size();
		}
		throw new IllegalStateException("no start in " + this.starts);
	}

	/**
	 * The next start to try after a block failed on a busy port.
	 * @param busyPort the port found taken
	 * @return the next first port, or -1 when every start has been tried
	 */
	int next(int busyPort) {
		int candidate = startAtOrAbove(busyPort + 1);
		if (candidate < 0) {
			if (this.wrapped) {
				return -1;
			}
			this.wrapped = true;
			candidate = this.starts.get(0).first();
		}
		return (this.wrapped && candidate >= this.origin) ? -1 : candidate;
	}

	/**
	 * The ports searched: the part of the search range below (or above) the ephemeral
	 * range.
	 * @return the ports
	 */
	PortRange searched() {
		return this.searched;
	}

	private int startAtOrAbove(int port) {
		for (PortRange interval : this.starts) {
			if (interval.last() >= port) {
				return Math.max(interval.first(), port);
			}
		}
		return -1;
	}

	private static List<PortRange> starts(@Nullable PortRange part, List<PortRange> skipPorts, int count) {
		List<PortRange> starts = new ArrayList<>();
		if (part == null) {
			return starts;
		}
		// a few ranges, sorted as they are added (List.sort would load the JDK's TimSort
		// for them)
		List<PortRange> skipped = new ArrayList<>();
		for (PortRange skip : skipPorts) {
			if (part.overlaps(skip)) {
				int at = skipped.size();
				while (at > 0 && skipped.get(at - 1).compareTo(skip) > 0) {
					at--;
				}
				skipped.add(at, skip);
			}
		}
		int from = part.first();
		for (PortRange skip : skipped) {
			addStarts(starts, from, skip.first() - 1, count);
			from = Math.max(from, skip.last() + 1);
		}
		addStarts(starts, from, part.last(), count);
		return starts;
	}

	private static void addStarts(List<PortRange> starts, int from, int to, int count) {
		long lastStart = (long) to - count + 1;
		if (lastStart >= from) {
			starts.add(new PortRange(from, (int) lastStart));
		}
	}

	private static InvalidReservationArgumentException noRoom(WildcardSearch search, int count, PortRange ephemeral) {
		StringBuilder allowed = new StringBuilder("a range that holds " + count
				+ " consecutive port(s) outside the ephemeral range " + ephemeral + " and between the ports to skip");
		PortRange suggestion = suggestion(search, count, ephemeral);
		if (suggestion != null) {
			allowed.append(", such as ").append(suggestion);
		}
		List<PortRange> inRange = starts(search.range(), search.skipPorts(), count);
		if (!inRange.isEmpty() && inRange.get(0).first() + count <= ephemeral.last()) {
			// Raising the ephemeral start frees the ports below it; lowering it would
			// shrink them.
			allowed.append(", or raise the start of the ephemeral range to ")
				.append(inRange.get(0).first() + count)
				.append(" or above (sysctl -w net.ipv4.ip_local_port_range=\"")
				.append(inRange.get(0).first() + count)
				.append(" ")
				.append(ephemeral.last())
				.append("\")");
		}
		return new InvalidReservationArgumentException(ReservationArgument.SEARCH_RANGE, search.range(),
				allowed.toString());
	}

	private static @Nullable PortRange suggestion(WildcardSearch search, int count, PortRange ephemeral) {
		PortRange[] candidates = { WildcardSearch.DEFAULT_RANGE,
				range(ephemeral.last() + 1, ReservationRequest.MAX_PORT),
				range(Math.max(FIRST_REGISTERED_PORT, search.range().first()), ephemeral.first() - 1),
				range(FIRST_REGISTERED_PORT, ephemeral.first() - 1) };
		for (PortRange candidate : candidates) {
			if (candidate != null && !candidate.equals(search.range())
					&& fits(new WildcardSearch(candidate, search.skipPorts()), count, ephemeral)) {
				return candidate;
			}
		}
		return null;
	}

	private static boolean fits(WildcardSearch search, int count, PortRange ephemeral) {
		return find(search, count, ephemeral) != null;
	}

	private static @Nullable PortRange range(int first, int last) {
		return (first >= 1 && first <= last && last <= ReservationRequest.MAX_PORT) ? new PortRange(first, last) : null;
	}

	static PortRange ephemeralRange() {
		int[] range = Sysctl.read("net/ipv4/ip_local_port_range");
		return (range != null && range.length == 2) ? new PortRange(range[0], range[1]) : IANA_EPHEMERAL;
	}

	@Override
	public String toString() {
		return this.searched.toString();
	}

}
