package io.portreservation.boot.tomcat;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import io.portreservation.PortLease;
import org.apache.tomcat.util.net.NioEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * A {@link NioEndpoint} that serves on a listening channel handed over by a
 * {@link PortLease} instead of binding one itself, so no other socket can take the port
 * between the reservation and the bind. Without a lease (or for an inherited channel or a
 * Unix domain socket) it behaves exactly like its superclass.
 *
 * <p>
 * {@code NioEndpoint} keeps its channel in a private field; this class keeps its own and
 * overrides the three methods that read it.
 */
public class ReservedNioEndpoint extends NioEndpoint {

	private volatile @Nullable PortLease lease;

	private volatile @Nullable ServerSocketChannel leasedChannel;

	private @Nullable SocketAddress previousRemoteAddress;

	private long previousAcceptNanos;

	/**
	 * Serve on channels handed over by this lease from the next bind on.
	 * @param lease the lease of the port to serve on
	 */
	public void setLease(@Nullable PortLease lease) {
		this.lease = lease;
	}

	/**
	 * The lease this endpoint serves on.
	 * @return the lease, or {@code null} if it binds like a plain {@link NioEndpoint}
	 */
	public @Nullable PortLease getLease() {
		return this.lease;
	}

	@Override
	protected void initServerSocket() throws Exception {
		PortLease lease = this.lease;
		if (lease == null || getUseInheritedChannel() || getUnixDomainSocketPath() != null) {
			super.initServerSocket();
			return;
		}
		if (getPortWithOffset() != lease.port()) {
			throw new IllegalStateException("Tomcat connector is to bind port " + getPortWithOffset() + " (port "
					+ getPort() + " with offset " + getPortOffset() + ") but holds the lease of port " + lease.port()
					+ "; remove the connector's port offset");
		}
		ServerSocketChannel channel = lease.openServerSocketChannel(getAddress(), getAcceptCount());
		try {
			this.socketProperties.setProperties(channel.socket());
			channel.configureBlocking(true);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
		this.leasedChannel = channel;
	}

	@Override
	protected NetworkChannel getServerSocket() {
		ServerSocketChannel channel = this.leasedChannel;
		return (channel != null) ? channel : super.getServerSocket();
	}

	@Override
	protected SocketChannel serverSocketAccept() throws Exception {
		ServerSocketChannel channel = this.leasedChannel;
		if (channel == null) {
			return super.serverSocketAccept();
		}
		SocketChannel accepted = channel.accept();
		// Like NioEndpoint: some kernels hand the same connection out twice in a row;
		// refuse the duplicate rather than serve one connection on two sockets.
		SocketAddress remote = accepted.getRemoteAddress();
		long now = System.nanoTime();
		if (remote != null && remote.equals(this.previousRemoteAddress) && now - this.previousAcceptNanos < 1000) {
			throw new IOException("Duplicate accept detected for " + remote);
		}
		this.previousRemoteAddress = remote;
		this.previousAcceptNanos = now;
		return accepted;
	}

	@Override
	protected void doCloseServerSocket() throws IOException {
		ServerSocketChannel channel = this.leasedChannel;
		if (channel == null) {
			super.doCloseServerSocket();
			return;
		}
		this.leasedChannel = null;
		// The block keeps holding the port once the server's channel is closed; through
		// the lease, a holder that served itself stops listening at once.
		channel.close();
		PortLease lease = this.lease;
		if (lease != null) {
			lease.closeChannels();
		}
	}

}
