package io.portreservation.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.portreservation.Protocol;

/**
 * Asks {@link PortReservationExtension} for a port <em>number</em>, for code that insists
 * on binding a port itself (a mock server, a database emulator, a native binary). The
 * port comes from a reserved block (never from the kernel's ephemeral range) and stays
 * held until the moment it is injected; from then until the code binds it, it is free,
 * and that short window is the only one left. Prefer a
 * {@link io.portreservation.PortLease} wherever the code can bind through it.
 *
 * <pre class="code">
 * &#64;ExtendWith(PortReservationExtension.class)
 * class MockServerTests {
 *
 *     &#64;ReservedPort
 *     int port;
 *
 * }
 * </pre>
 */
@Target({ ElementType.PARAMETER, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ReservedPort {

	/**
	 * The protocol the port is reserved for until it is handed out.
	 * @return the protocol
	 */
	Protocol protocol() default Protocol.TCP;

}
