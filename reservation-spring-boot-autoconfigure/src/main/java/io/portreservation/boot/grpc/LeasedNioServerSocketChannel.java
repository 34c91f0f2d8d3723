package io.portreservation.boot.grpc;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.NetUtil;

/**
 * A Netty NIO server channel around the listening channel a {@link GrpcServerLease} hands
 * over. Netty's bind becomes a check of the address asked for, since the channel is bound
 * already and a fresh bind would open a window for another process.
 */
class LeasedNioServerSocketChannel extends NioServerSocketChannel {

	private final GrpcServerLease lease;

	LeasedNioServerSocketChannel(GrpcServerLease lease) {
		super(lease.open(NetUtil.SOMAXCONN));
		this.lease = lease;
	}

	@Override
	protected void doBind(SocketAddress localAddress) throws Exception {
		this.lease.checkBind(localAddress, (InetSocketAddress) javaChannel().getLocalAddress());
	}

}
