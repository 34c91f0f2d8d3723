package io.portreservation.boot.grpc;

import java.util.concurrent.TimeUnit;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.grpc.server.ServerBuilderCustomizer;

/**
 * Makes Spring Boot's gRPC server on shaded Netty ({@code grpc-netty-shaded}) listen on
 * the channel a {@link GrpcServerLease} hands over, on event loops of its own (see
 * {@link LeasedGrpcEventLoops}).
 */
public class ShadedNettyGrpcPortReservationCustomizer extends LeasedGrpcEventLoops<NettyServerBuilder, EventLoopGroup>
		implements ServerBuilderCustomizer<NettyServerBuilder> {

	/**
	 * Create a customizer.
	 * @param lease the lease the server binds through, or {@code null} to leave the
	 * server as configured (a domain socket, a negative port, a block without TCP)
	 */
	public ShadedNettyGrpcPortReservationCustomizer(@Nullable GrpcServerLease lease) {
		super(lease, "grpc-shaded-reserved");
	}

	@Override
	public void customize(NettyServerBuilder builder) {
		serveOnLease(builder);
	}

	@Override
	protected EventLoopGroup newNioEventLoopGroup(int threads, String name) {
		return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
				NioIoHandler.newFactory());
	}

	@Override
	protected void shutDown(EventLoopGroup group) {
		group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Override
	protected void serveOn(NettyServerBuilder builder, GrpcServerLease lease, EventLoopGroup boss,
			EventLoopGroup worker) {
		builder.channelFactory(() -> new ShadedLeasedNioServerSocketChannel(lease))
			.bossEventLoopGroup(boss)
			.workerEventLoopGroup(worker);
	}

}
