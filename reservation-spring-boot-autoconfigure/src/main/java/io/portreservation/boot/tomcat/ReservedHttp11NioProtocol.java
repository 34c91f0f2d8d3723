package io.portreservation.boot.tomcat;

import io.portreservation.PortLease;
import org.apache.coyote.http11.Http11NioProtocol;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's HTTP/1.1 NIO protocol (with SSL, HTTP/2 upgrade and everything else it
 * supports) on a {@link ReservedNioEndpoint}. Select it by class name, as Tomcat creates
 * protocols: {@code new Connector(ReservedHttp11NioProtocol.class.getName())}; the
 * starter does this for the main connector and gives every connector of this protocol a
 * port of the reserved block.
 */
public class ReservedHttp11NioProtocol extends Http11NioProtocol {

	private final ReservedNioEndpoint endpoint;

	/**
	 * Create a protocol on a fresh {@link ReservedNioEndpoint}.
	 */
	public ReservedHttp11NioProtocol() {
		this(new ReservedNioEndpoint());
	}

	private ReservedHttp11NioProtocol(ReservedNioEndpoint endpoint) {
		super(endpoint);
		this.endpoint = endpoint;
	}

	/**
	 * Serve on channels handed over by this lease.
	 * @param lease the lease of the port to serve on
	 */
	public void setLease(@Nullable PortLease lease) {
		this.endpoint.setLease(lease);
	}

	/**
	 * The lease this protocol serves on.
	 * @return the lease, or {@code null} if none was given
	 */
	public @Nullable PortLease getLease() {
		return this.endpoint.getLease();
	}

}
