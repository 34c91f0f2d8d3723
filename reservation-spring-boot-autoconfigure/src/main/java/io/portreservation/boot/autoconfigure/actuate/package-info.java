/**
 * Auto-configuration of the Actuator support for reserved port blocks, one class per
 * concern.
 */
@NullMarked
package io.portreservation.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
