package io.portreservation.test;

import java.lang.reflect.Field;
import java.lang.reflect.Parameter;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;

/**
 * A parameter or field the extension fills: what it asks for and how it is named in
 * errors.
 *
 * @param description how errors name it, such as
 * {@code parameter 'lease' of serves(PortLease)}
 * @param type the declared type
 * @param block its {@link ReservedBlock}, if any
 * @param port its {@link ReservedPort}, if any
 */
record InjectionPoint(String description, Class<?> type, @Nullable ReservedBlock block, @Nullable ReservedPort port) {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(PortReservationExtension.class);

	private static final int DEFAULT_BLOCK_PORTS = 16;

	static InjectionPoint of(ParameterContext context) {
		Parameter parameter = context.getParameter();
		return new InjectionPoint(
				"parameter '" + parameter.getName() + "' of " + context.getDeclaringExecutable().toGenericString(),
				parameter.getType(), context.findAnnotation(ReservedBlock.class).orElse(null),
				context.findAnnotation(ReservedPort.class).orElse(null));
	}

	static InjectionPoint of(Field field) {
		return new InjectionPoint(describe(field), field.getType(), field.getAnnotation(ReservedBlock.class),
				field.getAnnotation(ReservedPort.class));
	}

	static String describe(Field field) {
		return "field '" + field.getName() + "' of " + field.getDeclaringClass().getName();
	}

	/**
	 * Reserve what this point asks for, to be released when {@code context} ends.
	 * @param context the scope that owns what is reserved
	 * @return the block, lease or port number to inject
	 */
	Object resolve(ExtensionContext context) {
		if (this.port != null) {
			if (this.type != int.class && this.type != Integer.class) {
				throw misuse("is annotated @ReservedPort but is a " + this.type.getSimpleName()
						+ "; a port number is an int (or use PortLease to bind through the reservation)");
			}
			PortNumbers.PortNumber number = PortNumbers.take(this.port.protocol(), this.description);
			context.getStore(NAMESPACE).put(new Object(), number);
			return number.port();
		}
		boolean lease = this.type == PortLease.class;
		if (!lease && this.type != PortReservation.class) {
			throw misuse("is annotated @ReservedBlock but is a " + this.type.getSimpleName()
					+ "; it must be a PortReservation or a PortLease (or an int with @ReservedPort)");
		}
		Protocol protocol = (this.block != null) ? this.block.protocol() : Protocol.TCP;
		int ports = (this.block == null || this.block.ports() == -1) ? (lease ? 1 : DEFAULT_BLOCK_PORTS)
				: this.block.ports();
		if (ports < 1) {
			throw misuse("asks for @ReservedBlock(ports = " + ports + "); a block needs at least 1 port");
		}
		ExtensionContext.Store store = context.getStore(NAMESPACE);
		PortReservation reservation;
		if (this.block != null && !this.block.name().isEmpty()) {
			reservation = shared(context.getRoot().getStore(NAMESPACE), this.block.name(), protocol, ports);
		}
		else {
			reservation = reserve(protocol, ports);
			store.put(new Object(), reservation);
		}
		if (!lease) {
			return reservation;
		}
		PortLease taken = reservation.lease(this.description);
		store.put(new Object(), taken);
		return taken;
	}

	private PortReservation shared(ExtensionContext.Store root, String name, Protocol protocol, int ports) {
		PortReservation reservation = root.computeIfAbsent("block:" + name, (key) -> reserve(protocol, ports),
				PortReservation.class);
		if (reservation.protocol() != protocol || reservation.count() != ports) {
			throw misuse("asks for the shared block '" + name + "' as " + ports + " " + protocol
					+ " port(s), but it was reserved as " + reservation.count() + " " + reservation.protocol()
					+ " port(s) by an earlier declaration; give every @ReservedBlock(name = \"" + name
					+ "\") the same ports and protocol");
		}
		return reservation;
	}

	private PortReservation reserve(Protocol protocol, int ports) {
		ReservationRequest request = ReservationRequest.anyBlock(protocol, ports);
		try {
			return PortReservations.reserve(request);
		}
		catch (RuntimeException ex) {
			throw new ExtensionConfigurationException(
					"Could not reserve " + request + " for " + this.description + ": " + ex.getMessage(), ex);
		}
	}

	private ExtensionConfigurationException misuse(String problem) {
		return new ExtensionConfigurationException(this.description + " " + problem);
	}

}
