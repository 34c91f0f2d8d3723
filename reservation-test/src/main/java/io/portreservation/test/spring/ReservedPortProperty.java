package io.portreservation.test.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.portreservation.Protocol;

/**
 * Reserves a port (or a block) before a Spring test's application context refreshes and
 * publishes it as a property of the context's {@code Environment}, the held replacement
 * for {@code TestSocketUtils} with {@code @DynamicPropertySource}.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;ReservedPortProperty(name = "wiremock.server.port")
 * &#64;ReservedPortProperty(name = "orders.url", value = "http://localhost:${port}/orders")
 * class OrderClientTests {
 * }
 * </pre>
 *
 * <p>
 * By default ({@link #holdUntilClose()} {@code false}) the port is for code that binds
 * the number itself: it stays held until the property is first read, which is the moment
 * before that code binds it. With {@code holdUntilClose = true} the block stays held
 * until the context closes, for ports that only must not be taken by anyone (a port a
 * client is told is closed, a range handed to a subprocess that binds through the
 * reservation). Each context, cached ones included, keeps its ports until it closes;
 * contexts with the same annotations share one cache entry and so the same ports.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(ReservedPortProperties.class)
public @interface ReservedPortProperty {

	/**
	 * The property to publish, such as {@code wiremock.server.port}.
	 * @return the property name
	 */
	String name();

	/**
	 * The value to publish: {@code ${port}} (the first port), {@code ${first-port}} and
	 * {@code ${last-port}} are replaced.
	 * @return the value template
	 */
	String value() default "${port}";

	/**
	 * How many consecutive ports to reserve.
	 * @return the block size, at least 1
	 */
	int ports() default 1;

	/**
	 * The protocol the ports are reserved for.
	 * @return the protocol
	 */
	Protocol protocol() default Protocol.TCP;

	/**
	 * Whether the ports stay held until the context closes, instead of being released for
	 * the application to bind when the property is first read.
	 * @return {@code true} to hold until close
	 */
	boolean holdUntilClose() default false;

}
