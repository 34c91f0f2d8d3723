package io.portreservation.test.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Holds several {@link ReservedPortProperty} annotations; Java writes it for repeated
 * annotations.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface ReservedPortProperties {

	/**
	 * The properties to reserve ports for.
	 * @return the annotations
	 */
	ReservedPortProperty[] value();

}
