package io.portreservation.spi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.portreservation.BlockExhaustedException;
import io.portreservation.LeaseInfo;
import io.portreservation.PortAlreadyLeasedException;
import io.portreservation.PortRange;
import org.jspecify.annotations.Nullable;

/**
 * Which ports of one block are leased to whom, and whether the block is closed: the
 * bookkeeping of {@link AbstractPortReservation}, kept apart from its backend hooks. One
 * monitor guards it all, so a lease is never taken from a block being closed.
 */
final class LeaseTable {

	private final AbstractPortReservation reservation;

	private final PortRange range;

	private final Object monitor = new Object();

	/** Indexed by {@code port - first}; {@code null} where the port is free. */
	private final @Nullable LeaseState[] leases;

	private int leasedCount;

	private int cursor;

	/**
	 * The ports {@link #returnAll()} took back, by owner, for that owner's next lease.
	 */
	private final Map<String, Integer> returnedByOwner = new HashMap<>();

	private volatile boolean closed;

	LeaseTable(AbstractPortReservation reservation, PortRange range) {
		this.reservation = reservation;
		this.range = range;
		this.leases = new LeaseState[range.size()];
	}

	boolean isClosed() {
		return this.closed;
	}

	int freeCount() {
		synchronized (this.monitor) {
			return this.leases.length - this.leasedCount;
		}
	}

	List<LeaseInfo> infos() {
		List<LeaseInfo> snapshot = new ArrayList<>();
		synchronized (this.monitor) {
			for (LeaseState state : this.leases) {
				if (state != null) {
					snapshot.add(state.info());
				}
			}
		}
		return snapshot;
	}

	/**
	 * The port {@code owner} had before {@link #returnAll()} if it is free, else the next
	 * free one.
	 */
	LeaseState takeAny(String owner) {
		synchronized (this.monitor) {
			checkOpen();
			if (this.leasedCount == this.leases.length) {
				throw new BlockExhaustedException(this.reservation.protocol(), this.range.first(), this.range.size());
			}
			Integer returned = this.returnedByOwner.remove(owner);
			int index;
			if (returned != null && this.leases[returned - this.range.first()] == null) {
				index = returned - this.range.first();
			}
			else {
				// Round-robin from the last lease, so a port just returned is not handed
				// out again at once while its previous user may still be closing it.
				index = this.cursor;
				while (this.leases[index] != null) {
					index = (index + 1) % this.leases.length;
				}
				this.cursor = (index + 1) % this.leases.length;
			}
			return put(index, owner);
		}
	}

	/** A port of the block the caller checked, unless it is leased already. */
	LeaseState take(int port, String owner) {
		synchronized (this.monitor) {
			checkOpen();
			LeaseState existing = this.leases[port - this.range.first()];
			if (existing != null) {
				throw new PortAlreadyLeasedException(port, existing.owner);
			}
			return put(port - this.range.first(), owner);
		}
	}

	private LeaseState put(int index, String owner) {
		LeaseState state = new LeaseState(this.reservation, this.range.first() + index, owner, LeakOrigin.capture());
		this.leases[index] = state;
		this.leasedCount++;
		return state;
	}

	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException(
					"The " + this.reservation.protocol() + " block " + this.range.text() + " has been released");
		}
	}

	/**
	 * Free the port of a lease.
	 * @return {@code false} if the lease no longer held it
	 */
	boolean remove(LeaseState state) {
		synchronized (this.monitor) {
			int index = state.port - this.range.first();
			if (this.leases[index] != state) {
				return false;
			}
			this.leases[index] = null;
			this.leasedCount--;
			return true;
		}
	}

	/** The open leases, each owner's port remembered for that owner's next lease. */
	List<LeaseState> returnAll() {
		List<LeaseState> open = new ArrayList<>();
		synchronized (this.monitor) {
			for (LeaseState state : this.leases) {
				if (state != null) {
					open.add(state);
					this.returnedByOwner.put(state.owner, state.port);
				}
			}
		}
		return open;
	}

	/**
	 * Mark the block closed.
	 * @return the leases still open, or {@code null} if it was closed already
	 */
	@Nullable List<LeaseState> close() {
		List<LeaseState> open = new ArrayList<>();
		synchronized (this.monitor) {
			if (this.closed) {
				return null;
			}
			this.closed = true;
			for (LeaseState state : this.leases) {
				if (state != null) {
					open.add(state);
				}
			}
		}
		return open;
	}

}
