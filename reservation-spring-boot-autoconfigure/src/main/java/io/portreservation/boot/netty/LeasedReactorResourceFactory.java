package io.portreservation.boot.netty;

import java.net.InetAddress;
import java.util.function.Supplier;

import io.portreservation.PortLease;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.HttpResources;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The resource factory handed to a {@code NettyReactiveWebServerFactory} so that the
 * server it starts binds through a lease. Spring Boot's {@code NettyWebServer} asks it
 * for the loop resources at start; everything else about the application's resources
 * (their lifecycle, the clients sharing them) stays with the application's own factory.
 * Never registered as a bean, so its own lifecycle methods are never called.
 */
public class LeasedReactorResourceFactory extends ReactorResourceFactory {

	private final Supplier<LoopResources> delegate;

	private final PortLease lease;

	private final @Nullable InetAddress address;

	/**
	 * Create a factory.
	 * @param delegate the application's loop resources, asked for at server start
	 * @param lease the lease the server binds through
	 * @param address the server's address, or {@code null} for the wildcard address
	 */
	public LeasedReactorResourceFactory(Supplier<LoopResources> delegate, PortLease lease,
			@Nullable InetAddress address) {
		this.delegate = delegate;
		this.lease = lease;
		this.address = address;
	}

	/**
	 * Create a factory over the application's loop resources: those of its own resource
	 * factory if it has one, otherwise Reactor Netty's global ones, as Spring Boot's
	 * servers use.
	 * @param application the application's resource factory, if it has one
	 * @param lease the lease the server binds through
	 * @param address the server's address, or {@code null} for the wildcard address
	 * @return the factory
	 */
	public static LeasedReactorResourceFactory of(ObjectProvider<ReactorResourceFactory> application, PortLease lease,
			@Nullable InetAddress address) {
		return new LeasedReactorResourceFactory(() -> {
			ReactorResourceFactory own = application.getIfAvailable();
			return (own != null) ? own.getLoopResources() : HttpResources.get();
		}, lease, address);
	}

	@Override
	public LoopResources getLoopResources() {
		return new LeasedLoopResources(this.delegate.get(), this.lease, this.address);
	}

}
