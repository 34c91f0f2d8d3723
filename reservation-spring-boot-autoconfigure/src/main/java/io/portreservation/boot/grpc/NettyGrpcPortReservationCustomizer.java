package io.portreservation.boot.grpc;

import java.util.concurrent.TimeUnit;

import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;
import org.springframework.grpc.server.ServerBuilderCustomizer;

/**
 * Makes Spring Boot's Netty gRPC server listen on the channel a {@link GrpcServerLease}
 * hands over: the builder's channel factory adopts that channel, and its event loops are
 * NIO ones to match it (gRPC would otherwise pick epoll on Linux, whose channels can only
 * adopt a file descriptor the JDK does not expose). The worker event loops outlive a stop
 * of the server and are shut down with this bean; each start gets a boss event loop of its
 * own. Ordered last, so no other customizer replaces the channel factory.
 */
public class NettyGrpcPortReservationCustomizer
		implements ServerBuilderCustomizer<NettyServerBuilder>, Ordered, DisposableBean {

	private final @Nullable GrpcServerLease lease;

	private @Nullable EventLoopGroup boss;

	private @Nullable EventLoopGroup worker;

	/**
	 * Create a customizer.
	 * @param lease the lease the server binds through, or {@code null} to leave the
	 * server as configured (a domain socket, a negative port, a block without TCP)
	 */
	public NettyGrpcPortReservationCustomizer(@Nullable GrpcServerLease lease) {
		this.lease = lease;
	}

	/**
	 * The lease the server binds through.
	 * @return the lease, or {@code null} if the server is left as configured
	 */
	public @Nullable GrpcServerLease getLease() {
		return this.lease;
	}

	@Override
	public synchronized void customize(NettyServerBuilder builder) {
		GrpcServerLease lease = this.lease;
		if (lease == null) {
			return;
		}
		// Each start gets a boss event loop of its own and terminates the previous one first:
		// a stopped server's listening channel is closed for good only once the loop it is
		// registered with lets go of it, which a stop does not wait for (with no grace
		// period it returns at once), and the lease cannot hand the port over again before.
		shutDown(this.boss);
		this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("grpc-reserved-boss", true),
				NioIoHandler.newFactory());
		if (this.worker == null) {
			this.worker = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("grpc-reserved-worker", true),
					NioIoHandler.newFactory());
		}
		builder.channelFactory(() -> new LeasedNioServerSocketChannel(lease))
			.bossEventLoopGroup(this.boss)
			.workerEventLoopGroup(this.worker);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public synchronized void destroy() {
		shutDown(this.boss);
		shutDown(this.worker);
		this.boss = null;
		this.worker = null;
	}

	private static void shutDown(@Nullable EventLoopGroup group) {
		if (group != null) {
			group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
		}
	}

}
