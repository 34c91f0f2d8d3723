package io.portreservation.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;

/**
 * Configures the block a {@link PortReservationExtension} reserves for a
 * {@link PortReservation} or {@link PortLease} parameter or field. Without it, a
 * {@code PortLease} gets a TCP block of 1 port and a {@code PortReservation} a TCP block
 * of 16 ports.
 *
 * <p>
 * How long the block is held follows where it is declared: a test method's parameter
 * until the method ends, a constructor or {@code @BeforeAll} parameter and a static field
 * until the class ends, an instance field as long as the test instance lives (one method,
 * or the whole class with {@code @TestInstance(PER_CLASS)}). A {@link #name()} makes it
 * last for the whole test run instead.
 */
@Target({ ElementType.PARAMETER, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ReservedBlock {

	/**
	 * The number of ports; the default, -1, means 1 for a lease and 16 for a block.
	 * @return the block size, at least 1
	 */
	int ports() default -1;

	/**
	 * The protocol of the block.
	 * @return the protocol
	 */
	Protocol protocol() default Protocol.TCP;

	/**
	 * A name that makes the block last for the whole test run (every class in this JVM)
	 * and be shared by every parameter and field that uses the same name; empty for a
	 * block of this declaration alone.
	 * @return the run-wide name, or empty
	 */
	String name() default "";

}
