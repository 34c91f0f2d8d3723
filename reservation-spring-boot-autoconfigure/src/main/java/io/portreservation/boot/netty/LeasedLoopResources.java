package io.portreservation.boot.netty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.NetUtil;
import io.portreservation.PortLease;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * The loop resources of a server that binds through a lease: delegates everything to the
 * application's loop resources, except that the server's listening channel is a
 * {@link PreBoundNioServerSocketChannel} on a channel handed over by the lease, and the
 * server's event loops are therefore the NIO ones, also where epoll is available: an
 * epoll channel adopting the holder's descriptor never listens, and Reactor Netty's
 * {@code bind()} fails on it, so it would need Netty internals; NIO serves on the holding
 * socket itself already. Disposing it leaves the delegate alone: the application owns it.
 */
final class LeasedLoopResources implements LoopResources {

	private final LoopResources delegate;

	private final PortLease lease;

	private final @Nullable InetAddress address;

	LeasedLoopResources(LoopResources delegate, PortLease lease, @Nullable InetAddress address) {
		this.delegate = delegate;
		this.lease = lease;
		this.address = address;
	}

	@Override
	public EventLoopGroup onServer(boolean useNative) {
		return this.delegate.onServer(false);
	}

	@Override
	public EventLoopGroup onServerSelect(boolean useNative) {
		return this.delegate.onServerSelect(false);
	}

	@Override
	public EventLoopGroup onClient(boolean useNative) {
		return this.delegate.onClient(useNative);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <C extends Channel> C onChannel(Class<C> channelType, EventLoopGroup group) {
		if (channelType != io.netty.channel.socket.ServerSocketChannel.class) {
			return this.delegate.onChannel(channelType, group);
		}
		try {
			return (C) new PreBoundNioServerSocketChannel(
					this.lease.openServerSocketChannel(this.address, NetUtil.SOMAXCONN), this.lease);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Reactor Netty could not open port " + this.lease.port() + " of the reserved block", ex);
		}
	}

	@Override
	public <C extends Channel> Class<? extends C> onChannelClass(Class<C> channelType, EventLoopGroup group) {
		return this.delegate.onChannelClass(channelType, group);
	}

	@Override
	public boolean daemon() {
		return this.delegate.daemon();
	}

	@Override
	public void dispose() {
	}

	@Override
	public Mono<Void> disposeLater() {
		return Mono.empty();
	}

	@Override
	public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
		return Mono.empty();
	}

	@Override
	public boolean isDisposed() {
		return this.delegate.isDisposed();
	}

}
