package io.portreservation.boot.netty;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;

import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.portreservation.PortLease;
import org.jspecify.annotations.Nullable;

/**
 * A Netty NIO server channel around a JDK channel that is bound and listening already.
 * Netty's bind becomes a check that the address asked for is the one the channel has,
 * since rebinding a bound channel fails and a fresh bind would open a window for another
 * process to take the port.
 */
public class PreBoundNioServerSocketChannel extends NioServerSocketChannel {

	private final @Nullable PortLease lease;

	/**
	 * Wrap a bound, listening channel.
	 * @param channel the channel handed over by a lease
	 */
	public PreBoundNioServerSocketChannel(ServerSocketChannel channel) {
		this(channel, null);
	}

	/**
	 * Wrap a bound, listening channel handed over by a lease, and tell the lease when the
	 * channel closes.
	 * @param channel the channel handed over by the lease
	 * @param lease the lease, or {@code null}
	 */
	public PreBoundNioServerSocketChannel(ServerSocketChannel channel, @Nullable PortLease lease) {
		super(channel);
		this.lease = lease;
	}

	@Override
	protected void doClose() throws Exception {
		super.doClose();
		// a holder that served itself stops listening at once
		if (this.lease != null) {
			this.lease.closeChannels();
		}
	}

	@Override
	protected void doBind(SocketAddress localAddress) throws Exception {
		InetSocketAddress bound = (InetSocketAddress) javaChannel().getLocalAddress();
		if (bound == null) {
			super.doBind(localAddress);
			return;
		}
		int asked = ((InetSocketAddress) localAddress).getPort();
		if (asked != 0 && asked != bound.getPort()) {
			throw new IllegalStateException(
					"Netty asked to bind port " + asked + " but the handed-over channel listens on " + bound);
		}
	}

}
