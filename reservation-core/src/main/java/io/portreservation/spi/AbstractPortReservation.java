package io.portreservation.spi;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.portreservation.InvalidReservationArgumentException;
import io.portreservation.LeaseInfo;
import io.portreservation.PortLease;
import io.portreservation.PortRange;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import io.portreservation.ReservationArgument;
import org.jspecify.annotations.Nullable;

/**
 * The part of a reservation every backend shares: which ports are leased to whom (a
 * {@link LeaseTable}), leak reports for leases never closed, and release at JVM shutdown.
 * A backend supplies the holding and the binding through the protected hooks.
 * <p>
 * A new reservation is not yet released at JVM shutdown: the entry point that built it
 * hands it to {@link ShutdownRelease#releasedAtExit} once it is whole, so the hook never
 * sees a reservation whose subclass has not finished its constructor.
 */
public abstract class AbstractPortReservation implements PortReservation {

	private final Protocol protocol;

	private final PortRange range;

	private final long token;

	private final Instant acquiredAt = Instant.now();

	private final Object tableLock = new Object();

	/**
	 * Made by the first lease: a block that is only reserved never loads the lease
	 * bookkeeping. Guarded by {@link #tableLock}.
	 */
	private @Nullable LeaseTable table;

	/** Closed before any lease was taken. Guarded by {@link #tableLock}. */
	private boolean closedUnleased;

	/**
	 * Create the bookkeeping for a block the subclass already holds.
	 * @param protocol the block's protocol
	 * @param firstPort the block's first port
	 * @param count the block's size
	 * @param token the reservation's token, not 0
	 */
	protected AbstractPortReservation(Protocol protocol, int firstPort, int count, long token) {
		this.protocol = Objects.requireNonNull(protocol, "protocol");
		this.range = PortRange.ofBlock(firstPort, count);
		this.token = token;
	}

	@Override
	public final Protocol protocol() {
		return this.protocol;
	}

	@Override
	public final int firstPort() {
		return this.range.first();
	}

	@Override
	public final int count() {
		return this.range.size();
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
		return !isClosed() && isBlockHeld();
	}

	/**
	 * Whether this reservation has been closed.
	 * @return {@code true} after {@link #close()}
	 */
	protected final boolean isClosed() {
		synchronized (this.tableLock) {
			return (this.table != null) ? this.table.isClosed() : this.closedUnleased;
		}
	}

	@Override
	public final int freeCount() {
		LeaseTable table = existingTable();
		return (table != null) ? table.freeCount() : this.range.size();
	}

	@Override
	public final List<LeaseInfo> leases() {
		LeaseTable table = existingTable();
		return (table != null) ? table.infos() : List.of();
	}

	@Override
	public final PortLease lease(String owner) {
		Objects.requireNonNull(owner, "owner");
		return new ReservedLease(this, table().takeAny(owner));
	}

	@Override
	public final PortLease lease(int port, String owner) {
		Objects.requireNonNull(owner, "owner");
		if (!contains(port)) {
			throw new InvalidReservationArgumentException(ReservationArgument.PORT, port,
					"a port of the block " + this.range.first() + ".." + this.range.last());
		}
		return new ReservedLease(this, table().take(port, owner));
	}

	/** Called by a lease that is closed or found leaked. */
	final ServerSocketChannel openServerSocketChannel(int port, @Nullable InetAddress address, int backlog)
			throws IOException {
		return openHandOffChannel(port, address, backlog);
	}

	final void returnPort(LeaseState state) {
		LeaseTable table = table();
		if (table.remove(state) && !table.isClosed()) {
			portReturned(state.port);
		}
	}

	/**
	 * Close every open lease and keep the block: each port is held by the block again,
	 * and the next {@link #lease(String)} by the same owner gets the same port back. For
	 * an owner that hands the block on to its successor (an application context that
	 * restarts) while the old leases' holders are gone.
	 */
	public final void returnLeases() {
		LeaseTable table = existingTable();
		if (table == null) {
			return;
		}
		for (LeaseState state : table.returnAll()) {
			state.closeExplicitly();
		}
	}

	@Override
	public final void close() {
		List<LeaseState> open;
		synchronized (this.tableLock) {
			if (this.table != null) {
				open = this.table.close();
			}
			else {
				open = this.closedUnleased ? null : List.of();
				this.closedUnleased = true;
			}
		}
		if (open == null) {
			return;
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

	private LeaseTable table() {
		synchronized (this.tableLock) {
			LeaseTable table = this.table;
			if (table == null) {
				table = new LeaseTable(this, this.range);
				if (this.closedUnleased) {
					// a lease asked of a closed block fails as it always did
					table.close();
				}
				this.table = table;
			}
			return table;
		}
	}

	private @Nullable LeaseTable existingTable() {
		synchronized (this.tableLock) {
			return this.table;
		}
	}

	@Override
	public String toString() {
		return this.protocol + " block " + this.range.text() + " (" + backend().id() + ")";
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
	protected abstract DatagramChannel openDatagramChannel(int port, @Nullable InetAddress address) throws IOException;

	/**
	 * Every channel bound through the lease of {@code port} was closed and the lease
	 * stays open (see {@link PortLease#closeChannels()}).
	 * @param port the leased port
	 */
	protected void channelsClosed(int port) {
	}

	/**
	 * A lease of {@code port} was closed and every channel bound through it is closed. A
	 * backend that must re-hold the port does it here.
	 * @param port the returned port
	 */
	protected void portReturned(int port) {
	}

	/**
	 * Whether the backend still holds the block (for example its holding socket is open).
	 * @return {@code true} while the block is held
	 */
	protected abstract boolean isBlockHeld();

	/**
	 * Release the block. Called once, after every lease has been closed.
	 */
	protected abstract void releaseBlock();

}
