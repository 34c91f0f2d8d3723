package io.portreservation.boot.junit;

import java.lang.reflect.Parameter;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.ReservationRequest;

/**
 * Gives a test a block of ports, or one leased port, reserved for it alone, without
 * Spring: the race-free replacement for picking a "free" port and hoping nobody takes it
 * before the test binds it. Bind through the lease
 * ({@link PortLease#openServerSocketChannel}); the port stays held until the test ends,
 * when the block is released.
 *
 * <pre>{@code
 * @ExtendWith(PortReservationExtension.class)
 * class GrpcServerTests {
 *
 *     @Test
 *     void serves(PortLease lease) throws IOException {
 *         try (ServerSocketChannel channel = lease.openServerSocketChannel(null, 0)) {
 *             // start the server on channel, connect to lease.port()
 *         }
 *     }
 *
 * }
 * }</pre>
 */
public class PortReservationExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(PortReservationExtension.class);

	private static final int DEFAULT_BLOCK_PORTS = 16;

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == PortReservation.class || type == PortLease.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Parameter parameter = parameterContext.getParameter();
		boolean lease = parameter.getType() == PortLease.class;
		ReservedBlock config = parameterContext.findAnnotation(ReservedBlock.class).orElse(null);
		int ports = (config != null && config.ports() > 0) ? config.ports() : (lease ? 1 : DEFAULT_BLOCK_PORTS);
		ReservationRequest request = ReservationRequest
			.anyBlock((config != null) ? config.protocol() : io.portreservation.Protocol.TCP, ports);
		PortReservation block;
		try {
			block = PortReservations.reserve(request);
		}
		catch (RuntimeException ex) {
			throw new ParameterResolutionException("Could not reserve " + request + " for parameter '"
					+ parameter.getName() + "': " + ex.getMessage(), ex);
		}
		// The store closes what it holds when the test (or the class, for a constructor
		// parameter) ends; closing the block closes its leases too.
		extensionContext.getStore(NAMESPACE).put(parameterContext.getDeclaringExecutable() + "#"
				+ parameterContext.getIndex(), block);
		return lease ? block.lease(extensionContext.getDisplayName()) : block;
	}

}
