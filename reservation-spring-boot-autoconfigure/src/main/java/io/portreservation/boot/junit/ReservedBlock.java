package io.portreservation.boot.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.portreservation.Protocol;

/**
 * Configures the block a {@link PortReservationExtension} reserves for a
 * {@link io.portreservation.PortReservation} or {@link io.portreservation.PortLease}
 * parameter. Without it, a parameter gets a TCP block of 1 port (a lease) or 16 ports (a
 * block).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ReservedBlock {

	/**
	 * The number of ports; 0 means the default for the parameter's type.
	 * @return the block size
	 */
	int ports() default 0;

	/**
	 * The protocol of the block.
	 * @return the protocol
	 */
	Protocol protocol() default Protocol.TCP;

}
