/**
 * Spring TestContext support: {@link io.portreservation.test.spring.ReservedPortProperty}
 * reserves ports before a test's context refreshes and publishes them as properties.
 */
@NullMarked
package io.portreservation.test.spring;

import org.jspecify.annotations.NullMarked;
