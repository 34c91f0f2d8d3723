package io.portreservation.boot.grpc;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;

/**
 * What the customizers of Spring Boot's Netty and shaded Netty gRPC servers share: a
 * builder that serves on the channel a {@link GrpcServerLease} hands over, on NIO event
 * loops to match it (gRPC would otherwise pick epoll on Linux, whose channels can only
 * adopt a file descriptor the JDK does not expose). The worker event loops outlive a stop
 * of the server and are shut down with this bean; each start gets a boss event loop of
 * its own. Ordered last, so no other customizer replaces the channel factory. The two
 * Netty flavours have the same types in different packages, so each subclass supplies
 * them.
 *
 * @param <B> the server builder type
 * @param <G> the event loop group type
 */
public abstract class LeasedGrpcEventLoops<B, G> implements Ordered, DisposableBean {

	private final @Nullable GrpcServerLease lease;

	private final String threadPrefix;

	private @Nullable G boss;

	private @Nullable G worker;

	/**
	 * Create an instance.
	 * @param lease the lease the server binds through, or {@code null} to leave the
	 * server as configured (a domain socket, a negative port, a block without TCP)
	 * @param threadPrefix the start of the event loop threads' names
	 */
	protected LeasedGrpcEventLoops(@Nullable GrpcServerLease lease, String threadPrefix) {
		this.lease = lease;
		this.threadPrefix = threadPrefix;
	}

	/**
	 * The lease the server binds through.
	 * @return the lease, or {@code null} if the server is left as configured
	 */
	public @Nullable GrpcServerLease getLease() {
		return this.lease;
	}

	/**
	 * Make the builder serve on the lease's channel, unless there is no lease.
	 * @param builder the builder
	 */
	protected final synchronized void serveOnLease(B builder) {
		GrpcServerLease lease = this.lease;
		if (lease == null) {
			return;
		}
		// Each start gets a boss event loop of its own and terminates the previous one
		// first: a stopped server's listening channel is closed for good only once the
		// loop it is registered with lets go of it, which a stop does not wait for (with
		// no grace period it returns at once), and the lease cannot hand the port over
		// again before.
		shutDownIfAny(this.boss);
		G boss = newNioEventLoopGroup(1, this.threadPrefix + "-boss");
		this.boss = boss;
		G worker = this.worker;
		if (worker == null) {
			worker = newNioEventLoopGroup(0, this.threadPrefix + "-worker");
			this.worker = worker;
		}
		serveOn(builder, lease, boss, worker);
	}

	/**
	 * Create NIO event loops of daemon threads.
	 * @param threads how many threads, {@code 0} for Netty's default
	 * @param name the threads' name
	 * @return the event loops
	 */
	protected abstract G newNioEventLoopGroup(int threads, String name);

	/**
	 * Shut event loops down at once and wait until they are.
	 * @param group the event loops
	 */
	protected abstract void shutDown(G group);

	/**
	 * Make the builder adopt the lease's channel and run on the given event loops.
	 * @param builder the builder
	 * @param lease the lease
	 * @param boss the event loop that accepts
	 * @param worker the event loops that serve
	 */
	protected abstract void serveOn(B builder, GrpcServerLease lease, G boss, G worker);

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public synchronized void destroy() {
		shutDownIfAny(this.boss);
		shutDownIfAny(this.worker);
		this.boss = null;
		this.worker = null;
	}

	private void shutDownIfAny(@Nullable G group) {
		if (group != null) {
			shutDown(group);
		}
	}

}
