package io.portreservation.spi;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.portreservation.BlockExhaustedException;
import io.portreservation.InvalidReservationArgumentException;
import io.portreservation.LeaseInfo;
import io.portreservation.PortAlreadyLeasedException;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import io.portreservation.ReservationArgument;
import org.jspecify.annotations.Nullable;

/**
 * The part of a reservation every backend shares: which ports are leased to whom, leak
 * reports for leases never closed, and release at JVM shutdown. A backend supplies the
 * holding and the binding through the protected hooks.
 */
public abstract class AbstractPortReservation implements PortReservation {

	private final Protocol protocol;

	private final int firstPort;

	private final int count;

	private final long token;

	private final Instant acquiredAt = Instant.now();

	private final Object monitor = new Object();

	/** Indexed by {@code port - firstPort}; {@code null} where the port is free. */
	private final @Nullable LeaseState[] leases;

	private int leasedCount;

	private int cursor;

	/** The ports {@link #returnLeases()} took back, by owner, for that owner's next lease. */
	private final Map<String, Integer> returnedByOwner = new HashMap<>();

	private volatile boolean closed;

	/**
	 * Create the bookkeeping for a block the subclass already holds.
	 * @param protocol the block's protocol
	 * @param firstPort the block's first port
	 * @param count the block's size
	 * @param token the reservation's token, not 0
	 */
	protected AbstractPortReservation(Protocol protocol, int firstPort, int count, long token) {
		this.protocol = Objects.requireNonNull(protocol, "protocol");
		this.firstPort = firstPort;
		this.count = count;
		this.token = token;
		this.leases = new LeaseState[count];
		ShutdownRelease.register(this);
	}

	@Override
	public final Protocol protocol() {
		return this.protocol;
	}

	@Override
	public final int firstPort() {
		return this.firstPort;
	}

	@Override
	public final int count() {
		return this.count;
	}

	@Override
	public final long token() {
		return this.token;
	}

	@Override
	public final Instant acquiredAt() {
		return this.acquiredAt;
	}

	@Override
	public final boolean isValid() {
		return !this.closed && isBlockHeld();
	}

	/**
	 * Whether this reservation has been closed.
	 * @return {@code true} after {@link #close()}
	 */
	protected final boolean isClosed() {
		return this.closed;
	}

	@Override
	public final int freeCount() {
		synchronized (this.monitor) {
			return this.count - this.leasedCount;
		}
	}

	@Override
	public final List<LeaseInfo> leases() {
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

	@Override
	public final PortLease lease(String owner) {
		Objects.requireNonNull(owner, "owner");
		LeaseState state;
		synchronized (this.monitor) {
			checkOpen();
			if (this.leasedCount == this.count) {
				throw new BlockExhaustedException(this.protocol, this.firstPort, this.count);
			}
			Integer returned = this.returnedByOwner.remove(owner);
			int index;
			if (returned != null && this.leases[returned - this.firstPort] == null) {
				index = returned - this.firstPort;
			}
			else {
				// Round-robin from the last lease, so a port just returned is not handed out
				// again at once while its previous user may still be closing it.
				index = this.cursor;
				while (this.leases[index] != null) {
					index = (index + 1) % this.count;
				}
				this.cursor = (index + 1) % this.count;
			}
			state = take(index, owner);
		}
		return new ReservedLease(this, state);
	}

	@Override
	public final PortLease lease(int port, String owner) {
		Objects.requireNonNull(owner, "owner");
		if (!contains(port)) {
			throw new InvalidReservationArgumentException(ReservationArgument.PORT, port,
					"a port of the block " + this.firstPort + ".." + lastPort());
		}
		LeaseState state;
		synchronized (this.monitor) {
			checkOpen();
			LeaseState existing = this.leases[port - this.firstPort];
			if (existing != null) {
				throw new PortAlreadyLeasedException(port, existing.owner);
			}
			state = take(port - this.firstPort, owner);
		}
		return new ReservedLease(this, state);
	}

	private LeaseState take(int index, String owner) {
		LeaseState state = new LeaseState(this, this.firstPort + index, owner, LeakOrigin.capture());
		this.leases[index] = state;
		this.leasedCount++;
		return state;
	}

	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException("The " + this.protocol + " block " + this.firstPort + "-" + lastPort()
					+ " has been released");
		}
	}

	/** Called by a lease that is closed or found leaked. */
	final ServerSocketChannel openServerSocketChannel(int port, @Nullable InetAddress address, int backlog)
			throws IOException {
		return openHandOffChannel(port, address, backlog);
	}

	final void returnPort(LeaseState state) {
		synchronized (this.monitor) {
			int index = state.port - this.firstPort;
			if (this.leases[index] != state) {
				return;
			}
			this.leases[index] = null;
			this.leasedCount--;
		}
		if (!this.closed) {
			portReturned(state.port);
		}
	}

	/**
	 * Close every open lease and keep the block: each port is held by the block again, and
	 * the next {@link #lease(String)} by the same owner gets the same port back. For an owner
	 * that hands the block on to its successor (an application context that restarts) while
	 * the old leases' holders are gone.
	 */
	public final void returnLeases() {
		List<LeaseState> open = new ArrayList<>();
		synchronized (this.monitor) {
			for (LeaseState state : this.leases) {
				if (state != null) {
					open.add(state);
					this.returnedByOwner.put(state.owner, state.port);
				}
			}
		}
		for (LeaseState state : open) {
			state.closeExplicitly();
		}
	}

	@Override
	public final void close() {
		List<LeaseState> open = new ArrayList<>();
		synchronized (this.monitor) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			for (LeaseState state : this.leases) {
				if (state != null) {
					open.add(state);
				}
			}
		}
		for (LeaseState state : open) {
			state.release();
		}
		try {
			releaseBlock();
		}
		finally {
			ShutdownRelease.unregister(this);
		}
	}

	@Override
	public String toString() {
		return this.protocol + " block " + this.firstPort + "-" + lastPort() + " (" + backend().id() + ")";
	}

	/**
	 * Open a TCP listening channel bound to {@code port}: by default a fresh JDK channel,
	 * bound by {@link #bindHandOff}, and closed again if that fails. A backend that can
	 * serve on the socket holding the port returns a channel around that socket instead.
	 * @param port a port of the block, leased by the caller
	 * @param address the local address, or {@code null} for the wildcard address
	 * @param backlog the listen backlog, 0 for the default
	 * @return the bound, listening channel
	 * @throws IOException if the bind fails
	 */
	protected ServerSocketChannel openHandOffChannel(int port, @Nullable InetAddress address, int backlog)
			throws IOException {
		ServerSocketChannel channel = ServerSocketChannel.open();
		try {
			bindHandOff(channel, port, address, backlog);
			return channel;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * Bind and listen a channel the library itself just opened on {@code port}, with no
	 * window in which another socket could take the port. The caller closes the channel
	 * if this throws.
	 * @param channel an open, unbound channel with the JDK's defaults
	 * @param port a port of the block, leased by the caller
	 * @param address the local address, or {@code null} for the wildcard address
	 * @param backlog the listen backlog, 0 for the default
	 * @throws IOException if the bind fails
	 */
	protected abstract void bindHandOff(ServerSocketChannel channel, int port, @Nullable InetAddress address,
			int backlog) throws IOException;

	/**
	 * Bind a channel the caller created to {@code port}, guarded where the backend has a
	 * window.
	 * @param channel an open, unbound channel
	 * @param port a port of the block, leased by the caller
	 * @param address the local address, or {@code null} for the wildcard address
	 * @param backlog the listen backlog, 0 for the default
	 * @throws IOException if the bind fails
	 */
	protected abstract void bindServerSocketChannel(ServerSocketChannel channel, int port,
			@Nullable InetAddress address, int backlog) throws IOException;

	/**
	 * Open a UDP channel bound to {@code port}.
	 * @param port a port of the block, leased by the caller
	 * @param address the local address, or {@code null} for the wildcard address
	 * @return the bound channel
	 * @throws IOException if the bind fails
	 */
	protected abstract DatagramChannel openDatagramChannel(int port, @Nullable InetAddress address)
			throws IOException;

	/**
	 * Every channel bound through the lease of {@code port} was closed and the lease
	 * stays open (see {@link PortLease#closeChannels()}).
	 * @param port the leased port
	 */
	protected void channelsClosed(int port) {
	}

	/**
	 * A lease of {@code port} was closed and every channel bound through it is closed.
	 * A backend that must re-hold the port does it here.
	 * @param port the returned port
	 */
	protected void portReturned(int port) {
	}

	/**
	 * Whether the backend still holds the block (for example its holding socket is
	 * open).
	 * @return {@code true} while the block is held
	 */
	protected abstract boolean isBlockHeld();

	/**
	 * Release the block. Called once, after every lease has been closed.
	 */
	protected abstract void releaseBlock();

}
