package io.portreservation;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;

import org.jspecify.annotations.Nullable;

/**
 * One port taken from a {@link PortReservation}. Bind servers through the lease so they
 * land on its port without a window in which another process could take it. Closing the
 * lease closes what was bound through it and returns the port to the block, where it is
 * held again at once.
 *
 * <p>
 * A {@code null} address means the wildcard address (dual-stack where the platform has
 * IPv6).
 */
public interface PortLease extends AutoCloseable {

	/**
	 * The leased port.
	 * @return the port
	 */
	int port();

	/**
	 * Who took the port.
	 * @return the owner given to {@link PortReservation#lease(String)}
	 */
	String owner();

	/**
	 * The block the port belongs to.
	 * @return the reservation
	 */
	PortReservation reservation();

	/**
	 * Whether a socket bound through this lease is open and bound.
	 * @return {@code true} if the lease has a live bound socket
	 */
	boolean isBound();

	/**
	 * Open a TCP listening channel already bound to the leased port: the hand-off with no
	 * window. The caller serves on it; closing it leaves the port held by the block.
	 * @param address the local address, or {@code null} for the wildcard address
	 * @param backlog the listen backlog, or 0 for the platform default
	 * @return the bound, listening channel (blocking mode)
	 * @throws IOException if the bind fails
	 * @throws IllegalStateException if the block has no TCP or the lease is closed
	 */
	ServerSocketChannel openServerSocketChannel(@Nullable InetAddress address, int backlog) throws IOException;

	/**
	 * Bind a TCP channel the caller created to the leased port, for a framework that must
	 * create its own channel. Where the backend cannot hand over without a short window
	 * (held sockets), it guards the bind and fails loudly if it lost.
	 * @param channel an open, unbound channel
	 * @param address the local address, or {@code null} for the wildcard address
	 * @param backlog the listen backlog, or 0 for the platform default
	 * @throws IOException if the bind fails
	 * @throws BindLostException if the bind did not land on the leased port
	 */
	void bind(ServerSocketChannel channel, @Nullable InetAddress address, int backlog) throws IOException;

	/**
	 * Open a UDP channel bound to the leased port. Closing it leaves the port held by the
	 * block.
	 * @param address the local address, or {@code null} for the wildcard address
	 * @return the bound channel (blocking mode)
	 * @throws IOException if the bind fails
	 * @throws IllegalStateException if the block has no UDP or the lease is closed
	 */
	DatagramChannel openDatagramChannel(@Nullable InetAddress address) throws IOException;

	/**
	 * Close every channel opened or bound through this lease and keep the lease: the port
	 * is held by the block again, and refuses connections, when this returns. Servers
	 * that stop while their lease lives on close their channel this way; a channel closed
	 * directly is noticed too, a few milliseconds later. Safe to call more than once.
	 */
	void closeChannels();

	/**
	 * Return the port to the block, closing any channel bound through this lease. Safe to
	 * call more than once.
	 */
	@Override
	void close();

}
