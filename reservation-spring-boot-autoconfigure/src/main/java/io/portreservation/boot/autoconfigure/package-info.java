/**
 * Auto-configuration that reserves the application's port blocks at startup.
 */
@NullMarked
package io.portreservation.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
