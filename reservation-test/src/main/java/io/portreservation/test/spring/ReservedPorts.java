package io.portreservation.test.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portreservation.PortReservation;
import io.portreservation.PortReservations;
import io.portreservation.test.PortNumbers;
import io.portreservation.test.PortNumbers.PortNumber;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The blocks reserved for one test context and the property source that publishes them. A
 * block not held until close is handed out as port numbers the first time its property is
 * read (see {@link PortNumbers#handOut}).
 */
public final class ReservedPorts implements DisposableBean {

	private final Map<String, Held> byProperty;

	private ReservedPorts(Map<String, Held> byProperty) {
		this.byProperty = byProperty;
	}

	static ReservedPorts reserve(List<PortPropertySpec> specs) {
		Map<String, Held> held = new LinkedHashMap<>();
		try {
			for (PortPropertySpec spec : specs) {
				if (held.containsKey(spec.name())) {
					throw new IllegalStateException("@ReservedPortProperty names '" + spec.name()
							+ "' twice with different settings; give each property one annotation");
				}
				held.put(spec.name(), new Held(spec, reserve(spec)));
			}
		}
		catch (RuntimeException ex) {
			held.values().forEach(Held::release);
			throw ex;
		}
		return new ReservedPorts(held);
	}

	private static PortReservation reserve(PortPropertySpec spec) {
		try {
			return PortReservations.reserve(spec.request());
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Could not reserve " + spec.request() + " for the property '" + spec.name()
					+ "' of @ReservedPortProperty: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The first port published under a property.
	 * @param property the property name
	 * @return the first port of its block
	 */
	public int port(String property) {
		Held held = this.byProperty.get(property);
		if (held == null) {
			throw new IllegalArgumentException("No @ReservedPortProperty publishes '" + property + "'");
		}
		return held.firstPort;
	}

	/**
	 * Whether the block behind a property is still held by the reservation.
	 * @param property the property name
	 * @return {@code true} until it is handed out (or until close with
	 * {@code holdUntilClose})
	 */
	public boolean isHeld(String property) {
		Held held = this.byProperty.get(property);
		return held != null && held.reservation.isValid();
	}

	EnumerablePropertySource<ReservedPorts> propertySource() {
		return new EnumerablePropertySource<>("reservedPortProperties", this) {

			@Override
			public String[] getPropertyNames() {
				return ReservedPorts.this.byProperty.keySet().toArray(String[]::new);
			}

			@Override
			public @Nullable Object getProperty(String name) {
				Held held = ReservedPorts.this.byProperty.get(name);
				return (held != null) ? held.handOut() : null;
			}

		};
	}

	@Override
	public void destroy() {
		List<RuntimeException> failures = new ArrayList<>();
		for (Held held : this.byProperty.values()) {
			try {
				held.release();
			}
			catch (RuntimeException ex) {
				failures.add(ex);
			}
		}
		if (!failures.isEmpty()) {
			throw failures.get(0);
		}
	}

	private static final class Held {

		private final PortPropertySpec spec;

		private final PortReservation reservation;

		private final int firstPort;

		private final String value;

		private @Nullable List<PortNumber> numbers;

		Held(PortPropertySpec spec, PortReservation reservation) {
			this.spec = spec;
			this.reservation = reservation;
			this.firstPort = reservation.firstPort();
			this.value = spec.render(this.firstPort);
		}

		synchronized String handOut() {
			if (!this.spec.holdUntilClose() && this.numbers == null) {
				// The moment the number is read is the last one before its user binds it.
				this.numbers = PortNumbers.handOut(this.reservation);
			}
			return this.value;
		}

		synchronized void release() {
			this.reservation.close();
			if (this.numbers != null) {
				this.numbers.forEach(PortNumber::close);
			}
		}

	}

}
