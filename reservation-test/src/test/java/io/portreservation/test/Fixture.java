package io.portreservation.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that other tests run through {@link FixtureCondition#engine()} (some
 * fail on purpose): it runs only there, never when a build selects it directly.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FixtureCondition.class)
public @interface Fixture {

}
