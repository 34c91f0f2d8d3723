package io.portreservation.heldsocket;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.ThreadLocalRandom;

import io.portreservation.Backend;
import io.portreservation.BindLostException;
import io.portreservation.Protocol;
import io.portreservation.UnsupportedPlatformException;
import io.portreservation.spi.AbstractPortReservation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A block held by one bound socket per port (see {@link HeldSockets}). A server on the
 * wildcard address serves on the holding socket itself, with no window at all (see
 * {@link HolderHandOff}), where the JDK's channels can wrap a descriptor (Linux, with
 * {@value DescriptorChannels#FLAG}). Otherwise, and for a server on one specific address
 * or a channel the caller created, servers get their sockets through short, serialized
 * hand-offs in which the holder lets exactly one more socket onto its port:
 * <ul>
 * <li>TCP: the holder's {@code SO_REUSEADDR} is set, the library binds and listens a
 * {@link ServerSocketChannel} of its own, and the option is cleared again. A listening
 * socket and a plain holder leave no room for a third socket, and the holder outlives the
 * server, so the port is held again the moment the server closes.</li>
 * <li>UDP: the server's {@link DatagramChannel} joins the holder the same way and both
 * clear {@code SO_REUSEADDR}. A server bound to the wildcard address then becomes the
 * holder itself (the old holder steps aside), so it receives every datagram and its
 * socket stays bound after the application closes the channel; a server bound to one
 * address wins the kernel's lookup over the wildcard holder.</li>
 * </ul>
 */
final class HeldSocketReservation extends AbstractPortReservation {

	/**
	 * Looked up when something is logged: a reservation that logs nothing never
	 * initializes the logging.
	 */
	private static Logger logger() {
		return LoggerFactory.getLogger(HeldSocketReservation.class);
	}

	private final HeldBlock block;

	/**
	 * Guards every call on a holder's descriptor, so no call can reach a closed (and
	 * reused) number.
	 */
	private final Object lock = new Object();

	/** Made by the first hand-off: a block that is only reserved never loads it. */
	private @Nullable HolderHandOff handOff;

	private boolean released;

	HeldSocketReservation(Protocol protocol, HeldBlock block) {
		this(protocol, block, null);
	}

	HeldSocketReservation(Protocol protocol, HeldBlock block, @Nullable HolderHandOff handOff) {
		super(protocol, block.firstPort(), block.count(), randomToken());
		this.block = block;
		this.handOff = handOff;
	}

	private static long randomToken() {
		long token;
		do {
			token = ThreadLocalRandom.current().nextLong();
		}
		while (token == 0);
		return token;
	}

	@Override
	public Backend backend() {
		return Backend.HELD_SOCKET;
	}

	@Override
	protected ServerSocketChannel openHandOffChannel(int port, @Nullable InetAddress address, int backlog)
			throws IOException {
		if (!servesOnHolder(address, port)) {
			return super.openHandOffChannel(port, address, backlog);
		}
		synchronized (this.lock) {
			holder(this.block.tcp(), port);
			return handOff().openServerSocketChannel(port, backlog, new ServerClosed(this, port));
		}
	}

	private static boolean servesOnHolder(@Nullable InetAddress address, int port) {
		if (address != null && !address.isAnyLocalAddress()) {
			if (DescriptorChannels.unavailableReason() == null) {
				logger().info(
						"Port {} is served on {} only, which the wildcard holder cannot serve: it is handed over "
								+ "through a guarded bind beside the holder, with a short window",
						port, address.getHostAddress());
			}
			return false;
		}
		if (!DescriptorChannels.isAvailable() && LibCAPI.MAC) {
			// BSD lets a second socket bind the holder's exact address only if both set
			// SO_REUSEPORT
			throw new UnsupportedPlatformException("Port " + port + " cannot be handed to a server on the wildcard "
					+ "address on macOS without " + DescriptorChannels.FLAG + " on the JVM's command line: the "
					+ "server must serve on the holding socket itself, since BSD lets no second socket bind beside it ("
					+ DescriptorChannels.unavailableReason() + ")");
		}
		return DescriptorChannels.isAvailable();
	}

	@Override
	protected void channelsClosed(int port) {
		synchronized (this.lock) {
			if (!this.released && this.handOff != null) {
				this.handOff.serverMayHaveClosed(port);
			}
		}
	}

	@Override
	protected void portReturned(int port) {
		synchronized (this.lock) {
			if (!this.released && this.handOff != null) {
				this.handOff.returned(port);
			}
		}
	}

	@Override
	protected void bindHandOff(ServerSocketChannel channel, int port, @Nullable InetAddress address, int backlog)
			throws IOException {
		bindBesideHolder(channel, port, address, backlog);
	}

	@Override
	protected void bindServerSocketChannel(ServerSocketChannel channel, int port, @Nullable InetAddress address,
			int backlog) throws IOException {
		try {
			if (channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
				// SO_REUSEPORT would let a same-user socket share the port for as long as
				// it is bound
				channel.setOption(StandardSocketOptions.SO_REUSEPORT, false);
			}
			bindBesideHolder(channel, port, address, backlog);
		}
		catch (BindLostException ex) {
			channel.close();
			throw ex;
		}
		catch (IOException ex) {
			channel.close();
			throw new BindLostException(port,
					"The guarded bind of a " + channel.getClass().getSimpleName() + " to port " + port + " failed ("
							+ ex.getMessage() + "); the channel is closed, the port stays held by the block",
					ex);
		}
		LateBind.verify(channel, port);
	}

	/**
	 * Bind and listen a channel on a held port. The window: while the holder allows
	 * {@code SO_REUSEADDR}, a socket with that option could bind too (it still could not
	 * listen once ours does); it is one JDK {@code bind()} long.
	 */
	private void bindBesideHolder(ServerSocketChannel channel, int port, @Nullable InetAddress address, int backlog)
			throws IOException {
		LateBind.prepare();
		SocketAddress local = new InetSocketAddress(address, port);
		channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
		synchronized (this.lock) {
			int holder = holder(this.block.tcp(), port);
			// a holder that served a closed server (not yet noticed) must stop listening
			// first
			if (this.handOff != null) {
				this.handOff.serverMayHaveClosed(port);
			}
			setReuseAddress(holder, true, port);
			try {
				channel.bind(local, backlog);
			}
			catch (BindException ex) {
				if (LateBind.isAddressInUse(ex)) {
					throw new BindLostException(port, "Another socket listens on port " + port
							+ ": it must have bound the port with SO_REUSEADDR during an earlier hand-off and listened "
							+ "in this one before our server; the port is lost to it until it closes", ex);
				}
				throw ex;
			}
			finally {
				setReuseAddress(holder, false, port);
			}
		}
	}

	@Override
	protected DatagramChannel openDatagramChannel(int port, @Nullable InetAddress address) throws IOException {
		if (servesOnHolder(address, port)) {
			synchronized (this.lock) {
				holder(this.block.udp(), port);
				return handOff().openDatagramChannel(port);
			}
		}
		LateBind.prepare();
		synchronized (this.lock) {
			return GuardedDatagramBind.bind(this.block, holder(this.block.udp(), port), port, address);
		}
	}

	@Override
	protected boolean isBlockHeld() {
		synchronized (this.lock) {
			return !this.released;
		}
	}

	@Override
	protected void releaseBlock() {
		synchronized (this.lock) {
			if (!this.released) {
				this.released = true;
				if (this.handOff != null) {
					this.handOff.close();
				}
				this.block.close();
			}
		}
	}

	/** Called with {@link #lock} held. */
	private HolderHandOff handOff() {
		HolderHandOff handOff = this.handOff;
		if (handOff == null) {
			handOff = new HolderHandOff(this.block, this.block.calls());
			this.handOff = handOff;
		}
		return handOff;
	}

	private int holder(HeldSockets sockets, int port) {
		if (this.released) {
			throw new IllegalStateException("The block " + firstPort() + "-" + lastPort() + " has been released");
		}
		return sockets.fd(port);
	}

	private void setReuseAddress(int fd, boolean on, int port) {
		HolderHandOff.setReuseAddress(this.block.calls(), fd, on, port);
	}

	/**
	 * Stops the holder of a port listening as soon as the server channel handed over on
	 * it is closed, whoever closes it, so connects are refused again at once. It runs in
	 * the closing thread and takes the reservation's lock, which is never held while a
	 * handed over channel is closed. A class rather than a lambda, so that a fresh JVM's
	 * first hand-off does not start the JVM's lambda machinery for it.
	 */
	private static final class ServerClosed implements Runnable {

		private final HeldSocketReservation reservation;

		private final int port;

		ServerClosed(HeldSocketReservation reservation, int port) {
			this.reservation = reservation;
			this.port = port;
		}

		@Override
		public void run() {
			try {
				this.reservation.channelsClosed(this.port);
			}
			catch (RuntimeException ex) {
				// the server's close succeeded; the holder goes on listening until
				// the next hand-off or the block's release
				logger().warn("Could not stop the holder of port {} listening after its server closed, in the {}",
						this.port, this.reservation, ex);
			}
		}

	}

}
