/**
 * A JUnit Jupiter extension that gives tests a reserved port or block without Spring.
 */
@NullMarked
package io.portreservation.boot.junit;

import org.jspecify.annotations.NullMarked;
