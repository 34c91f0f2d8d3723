/**
 * Actuator support for reserved port blocks: endpoint, health indicator, info contributor
 * and meters.
 */
@NullMarked
package io.portreservation.boot.actuate;

import org.jspecify.annotations.NullMarked;
